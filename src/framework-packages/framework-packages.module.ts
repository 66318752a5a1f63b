import { Module } from '@nestjs/common';
import { FrameworkPackageRepository } from './framework-package.repository';
import { FrameworkPackagesController } from './framework-packages.controller';
import { FrameworkPackagesPagesController } from './framework-packages.pages.controller';
import { FrameworkPackagesService } from './framework-packages.service';

/** Framework packages as data: storage, the API, the admin page and the index simulation. */
@Module({
  controllers: [FrameworkPackagesController, FrameworkPackagesPagesController],
  providers: [FrameworkPackagesService, FrameworkPackageRepository],
  exports: [FrameworkPackagesService],
})
export class FrameworkPackagesModule {}
