import { Module, type DynamicModule } from '@nestjs/common';
import { AppConfig, CoreModule } from '@nongsan/core';

/** The HTTP application: every bounded context's controllers. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: AppModule, imports: [CoreModule.forRoot(config)] };
  }
}
