import { Identity1764288000000 } from './1764288000000-Identity';

// Every migration, in order. Generate with `npm run db:generate -- <Name>`, read it, then list it here.
export const migrations: Function[] = [Identity1764288000000];
