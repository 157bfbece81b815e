import { Injectable } from '@nestjs/common';

/** Steps that other contexts know about: catalog (first product), channels (first channel), order (first order). */
export type ExternalOnboardingStep = 'first_product_published' | 'first_channel_connected' | 'first_order_received';

/** When the step first happened for the cooperative, or null if it has not yet. Read from the context's own data. */
export type OnboardingFact = (cooperativeId: string) => Promise<Date | null>;

/**
 * How other contexts tell onboarding what happened, without the seller lib importing them:
 * each provides its fact in its module's onModuleInit. A step nobody provides is not done.
 */
@Injectable()
export class OnboardingFacts {
  private readonly facts = new Map<ExternalOnboardingStep, OnboardingFact>();

  provide(step: ExternalOnboardingStep, fact: OnboardingFact): void {
    this.facts.set(step, fact);
  }

  async doneAt(step: ExternalOnboardingStep, cooperativeId: string): Promise<Date | null> {
    return (await this.facts.get(step)?.(cooperativeId)) ?? null;
  }
}
