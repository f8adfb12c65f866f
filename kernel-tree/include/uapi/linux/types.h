#ifndef _UAPI_LINUX_TYPES_H
#define _UAPI_LINUX_TYPES_H

#include <asm-generic/int-ll64.h>

#ifndef __ASSEMBLY__

#include <uapi/asm-generic/posix_types.h>

#endif /*  __ASSEMBLY__ */
#endif /* _UAPI_LINUX_TYPES_H */
