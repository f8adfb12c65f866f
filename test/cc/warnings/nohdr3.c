int main(void)
{
	return atoi("3") + abs(-2);
}
