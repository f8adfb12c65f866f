struct point {
	int x;
	int y;
};

extern struct point origin
extern int scale;
