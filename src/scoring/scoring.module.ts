import { Module } from '@nestjs/common';
import { ScoreCommand } from './score.command';
import { ScoringService } from './scoring.service';

/** The scoring engine's Nest shell: the `score` command and the service the web app uses. */
@Module({
  providers: [ScoringService, ScoreCommand],
  exports: [ScoringService],
})
export class ScoringModule {}
