/** class-transformer: trims a string, leaves anything else for the validators to refuse. `@Transform(trimString)` */
export const trimString = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Makes user text literal inside a LIKE pattern (backslash is PostgreSQL's default escape). */
export const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);
