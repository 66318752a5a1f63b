import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AuditAnchorService } from './audit-anchor.service';

/** Anchors the chain heads at boot (sealing the legacy chain after the upgrade) and then periodically. */
@Injectable()
export class AuditAnchorScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Audit');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @Inject(AuditAnchorService) private readonly anchors: AuditAnchorService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.tick();
    this.timer = setInterval(() => {
      this.running ??= this.tick().finally(() => (this.running = undefined));
    }, this.config.audit.anchorIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async tick(): Promise<void> {
    try {
      const anchor = await this.anchors.anchor();
      if (anchor) this.logger.log(`Audit anchor ${anchor.id} over ${anchor.heads.length} chain(s).`);
    } catch (error) {
      this.logger.warn(`Could not write an audit anchor: ${(error as Error).message}`);
    }
  }
}
