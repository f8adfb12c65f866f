/* Handlers installed with signal() and sigaction() run and return; masks block and release;
 * SIG_IGN ignores; the old handler comes back; SA_SIGINFO gets the sender's details. */
#include <stdio.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>
#include <sys/wait.h>

static volatile sig_atomic_t hits;
static volatile int last;

static void on_signal(int sig)
{
	hits++;
	last = sig;
	write(1, "handler\n", 8);
}

static void on_info(int sig, siginfo_t *info, void *ctx)
{
	hits += 10;
	last = info->si_signo == sig && info->si_pid == getpid() && ctx != 0;
}

int main(void)
{
	struct sigaction act, old;
	sigset_t set, was;
	int status;
	pid_t pid;

	printf("signal %d\n", signal(SIGUSR1, on_signal) == SIG_DFL);
	fflush(stdout);
	raise(SIGUSR1);
	printf("hits %d last %d\n", hits, last);
	printf("again %d\n", signal(SIGUSR1, SIG_IGN) == on_signal);
	raise(SIGUSR1);
	printf("ignored, hits %d\n", hits);

	memset(&act, 0, sizeof act);
	act.sa_sigaction = on_info;
	act.sa_flags = SA_SIGINFO;
	sigemptyset(&act.sa_mask);
	printf("sigaction %d\n", sigaction(SIGUSR2, &act, &old));
	printf("old default %d\n", old.sa_handler == SIG_DFL);
	kill(getpid(), SIGUSR2);
	printf("hits %d info ok %d\n", hits, last);

	signal(SIGUSR1, on_signal);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	printf("member %d %d\n", sigismember(&set, SIGUSR1), sigismember(&set, SIGUSR2));
	sigprocmask(SIG_BLOCK, &set, &was);
	raise(SIGUSR1);
	printf("blocked, hits %d\n", hits);
	fflush(stdout);
	sigprocmask(SIG_SETMASK, &was, 0);
	printf("released, hits %d\n", hits);
	printf("bad %d\n", sigaddset(&set, 0));
	printf("sig_err %d\n", signal(SIGKILL, on_signal) == SIG_ERR);

	pid = fork();
	if (pid == 0) {
		signal(SIGTERM, SIG_DFL);
		pause();
		_exit(0);
	}
	sleep(0);
	kill(pid, SIGTERM);
	waitpid(pid, &status, 0);
	printf("child killed by %d\n", WTERMSIG(status));
	printf("alarm %u\n", alarm(0));
	return 0;
}
