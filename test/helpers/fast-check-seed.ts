import fc from 'fast-check';

// Property tests run the same cases on every run, so CI is reproducible; set
// FC_SEED to explore other cases (a failure prints the seed that reproduces it).
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261129) });
