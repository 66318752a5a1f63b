import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test } from '@nestjs/testing';
import { loadConfig } from '../config/app-config';
import { ConfigModule } from '../config/config.module';
import { fullFacts } from './facts.factory';
import { ScoreCommand } from './score.command';
import { ScoringModule } from './scoring.module';
import { ScoringService } from './scoring.service';

describe('ScoringModule', () => {
  async function compile() {
    // The command reads the tool's language (SPBE_LANG) from the configuration, global in the app.
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(loadConfig({})), ScoringModule],
    }).compile();
    return { service: moduleRef.get(ScoringService), command: moduleRef.get(ScoreCommand) };
  }

  it('provides a service that scores both bases and computes the index', async () => {
    const { service } = await compile();
    const both = service.scoreBoth(service.parse(JSON.parse(JSON.stringify(fullFacts('B')))));
    expect([both.supported.basis, both.verified.basis]).toEqual(['supported', 'verified']);
    expect(service.computeIndex({ 7: both.verified.indicators['7'].level }).overall.rounded).toBe(5);
    expect(service.explain(both.supported)).toContain('Indikator 18');
  });

  it('scores the same facts object once per language and freezes the outputs it shares', async () => {
    const { service } = await compile();
    const facts = service.parse(JSON.parse(JSON.stringify(fullFacts('B'))));
    const first = service.scoreBothShared(facts, 'en');
    expect(service.scoreBothShared(facts, 'en')).toBe(first);
    expect(first).toEqual(service.scoreBoth(facts, 'en'));
    expect(service.scoreBothShared(facts, 'id')).toEqual(service.scoreBoth(facts, 'id'));
    expect(service.scoreBothShared(facts, 'id')).not.toBe(first);
    // Equal facts in another object are scored anew: the facts object is the key.
    expect(service.scoreBothShared(structuredClone(facts), 'en')).not.toBe(first);
    expect(() => {
      (first.supported.indicators['18'] as { level: number }).level = 0;
    }).toThrow(TypeError);
    expect(Object.isFrozen(first.verified.readings)).toBe(true);
  });

  it('runs the score command and sets the exit code', async () => {
    const { command } = await compile();
    const file = join(mkdtempSync(join(tmpdir(), 'score-')), 'facts.json');
    writeFileSync(file, JSON.stringify(fullFacts('B')));
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const writeError = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await command.run([], { input: file });
      expect(process.exitCode).toBe(0);
      expect(JSON.parse(String(write.mock.calls[0][0])).indicators['18'].level).toBe(5);
      await command.run([], { input: join(file, 'missing') });
      expect(process.exitCode).toBe(2);
      expect(String(writeError.mock.calls[0][0])).toContain('missing');
    } finally {
      write.mockRestore();
      writeError.mockRestore();
      process.exitCode = undefined;
    }
  });

  it('declares its options for nest-commander', async () => {
    const { command } = await compile();
    expect(command.parseInput('-')).toBe('-');
    expect(command.parseExplain()).toBe(true);
  });
});
