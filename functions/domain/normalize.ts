/**
 * How the county's free-typed names are compared: units as clerks type them (authorization, the by-unit index)
 * and e-mails (user profiles).
 */

/** A unit as clerks type it, compared: width-folded (NFKC), spaces removed. Authorization and GSI1 both use it. */
export const normalUnit = (unit: string): string => unit.normalize('NFKC').replace(/\s+/g, '');

/** An e-mail as profiles are kept and looked up: trimmed, lower case. */
export const normalEmail = (email: string): string => email.trim().toLowerCase();
