// The compiler's own include directory, what `gcc -print-file-name=include` names: the few headers
// a compiler ships itself (stdarg.h, stddef.h, stdbool.h). It is searched after every -I, -isystem
// and system directory, so a C library's headers (kwb's userland/include) win for user programs,
// and it is left out with -nostdinc (kbuild then names it with -isystem, as the kernel's
// NOSTDINC_FLAGS do).

import { join } from 'node:path';
import { packageRoot } from '../../paths.js';

export function compilerIncludeDir(): string {
  return join(packageRoot(), 'src', 'toolchain', 'cc', 'include');
}
