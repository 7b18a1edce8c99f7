import { register } from 'node:module';

register('./import-log-hooks.mjs', import.meta.url);
