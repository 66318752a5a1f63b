import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { canonicalJson } from '../common/canonical-json';
import { AuditAnchor } from './audit-anchor.entity';
import { AuditAnchorRepository } from './audit-anchor.repository';
import { GENESIS, anchorHash, anchorSignature } from './audit-hash';

/**
 * Writes a signed anchor over the heads of all chains. Every instance asks on its own timer;
 * the anchor lock and the age of the last anchor make it happen once per interval in total.
 */
@Injectable()
export class AuditAnchorService {
  constructor(
    @Inject(AuditAnchorRepository) private readonly anchors: AuditAnchorRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The new anchor, or null when another instance is writing one, one is recent, or nothing changed. */
  async anchor(options: { force?: boolean } = {}): Promise<AuditAnchor | null> {
    const result = await this.anchors.whenFree(async (m) => {
      const last = await this.anchors.latest(m);
      const age = last ? Date.now() - last.createdAt.getTime() : Infinity;
      // A little slack, so timers of several instances that drift do not skip a whole interval.
      if (!options.force && age < this.config.audit.anchorIntervalMs * 0.9) return null;
      const heads = await this.anchors.heads(m);
      if (heads.length === 0 || (last && canonicalJson(last.heads) === canonicalJson(heads))) return null;
      const createdAt = new Date();
      const prevHash = last?.hash ?? GENESIS;
      const hash = anchorHash(prevHash, createdAt, heads);
      const signature = anchorSignature(this.config.audit.anchorSecret, hash);
      return this.anchors.insert(m, { createdAt, heads, prevHash, hash, signature });
    });
    return result ?? null;
  }
}
