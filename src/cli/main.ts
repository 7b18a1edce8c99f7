import { EXIT } from '../errors.js';
import { main } from './cli.js';

// A reader that stops early (`kindred audit … | head -1`) is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(EXIT.ok);
});

process.exitCode = await main(process.argv.slice(2));
