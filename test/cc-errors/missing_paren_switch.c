int f(int x)
{
	switch (x { }
	return x;
}
