import { QueryFailedError } from 'typeorm';

/** PostgreSQL refused a row for a unique constraint (23505), the one named if given. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driver = error.driverError as { code?: string; constraint?: string };
  return driver.code === '23505' && (constraint === undefined || driver.constraint === constraint);
}

/**
 * Runs `work` (a whole transaction) again when it lost a race for `constraint`: a readable slug is
 * looked up, then inserted, and two requests for the same name can both find it free. The rerun
 * reads afresh and picks another. Any other failure, or the last lost race, is thrown as it is.
 */
export async function retryOnUniqueViolation<T>(constraint: string, work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isUniqueViolation(error, constraint)) throw error;
    }
  }
}
