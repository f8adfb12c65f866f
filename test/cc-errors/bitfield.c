struct flags {
	unsigned int a : 3;
};
