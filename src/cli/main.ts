import { EXIT } from '../errors.js';
import { pendingFiles } from '../pending-files.js';
import { main } from './cli.js';

// A reader that stops early (`kindred audit … | head -1`) is not an error. With
// no file left to finish, stop at once; otherwise standard output swallows the
// rest (see outlivingItsReader) and the files are completed.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE' && pendingFiles() === 0) process.exit(EXIT.ok);
});

process.exitCode = await main(process.argv.slice(2));
