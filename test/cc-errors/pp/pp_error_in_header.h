#if 1 *
#endif
int h(void);
#warning header done
