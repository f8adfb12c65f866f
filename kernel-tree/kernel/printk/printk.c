/*
 *  linux/kernel/printk.c
 *
 *  Copyright (C) 1991, 1992  Linus Torvalds
 *
 * Modified to make sys_syslog() more flexible: added commands to
 * return the last 4k of kernel messages, regardless of whether
 * they've been read or not.  Added option to suppress kernel printk's
 * to the console.  Added hook for sending the console messages
 * elsewhere, in preparation for a serial line console (someday).
 * Ted Ts'o, 2/11/93.
 * Modified for sysctl support, 1/8/97, Chris Horn.
 * Fixed SMP synchronization, 08/08/99, Manfred Spraul
 *     manfred@colorfullife.com
 * Rewrote bits to get rid of console_lock
 *	01Mar01 Andrew Morton
 *
 * The workbench's printk keeps 4.4's record format and log buffer (what
 * dmesg reads); consoles, syslog(2) and /dev/kmsg come with the machine.
 */

#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/printk.h>
#include <linux/string.h>
#include <linux/sched.h>
#include <linux/console.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>

int console_printk[4] = {
	CONSOLE_LOGLEVEL_DEFAULT,	/* console_loglevel */
	MESSAGE_LOGLEVEL_DEFAULT,	/* default_message_loglevel */
	CONSOLE_LOGLEVEL_MIN,		/* minimum_console_loglevel */
	CONSOLE_LOGLEVEL_DEFAULT,	/* default_console_loglevel */
};

enum log_flags {
	LOG_NOCONS	= 1,	/* already flushed, do not print to console */
	LOG_NEWLINE	= 2,	/* text ended with a newline */
	LOG_PREFIX	= 4,	/* text started with a prefix */
	LOG_CONT	= 8,	/* text is a fragment of a continuation line */
};

/*
 * The printk log buffer consists of a chain of concatenated variable
 * length records. Every record starts with a record header, containing
 * the overall length of the record.
 *
 * The heads to the first and last entry in the buffer, as well as the
 * sequence numbers of these entries are maintained when messages are
 * stored.
 *
 * If the heads indicate available messages, the length in the header
 * tells the start next message. A length == 0 for the next message
 * indicates a wrap-around to the beginning of the buffer.
 *
 * Every record carries the monotonic timestamp in microseconds, as well as
 * the standard userspace syslog level and syslog facility. The usual
 * kernel messages use LOG_KERN; userspace-injected messages always carry
 * a matching syslog facility, by default LOG_USER. The origin of every
 * message can be reliably determined that way.
 *
 * The human readable log message directly follows the message header. The
 * length of the message text is stored in the header, the stored message
 * is not terminated.
 *
 * 4.4 packs flags and level into one byte with bitfields (flags:5,
 * level:3); this tree gives each its own byte.
 */
struct printk_log {
	u64 ts_nsec;		/* timestamp in nanoseconds */
	u16 len;		/* length of entire record */
	u16 text_len;		/* length of text buffer */
	u16 dict_len;		/* length of dictionary buffer */
	u8 facility;		/* syslog facility */
	u8 flags;		/* internal record flags */
	u8 level;		/* syslog level */
};

/* record buffer */
#define LOG_ALIGN __alignof__(struct printk_log)
#define __LOG_BUF_LEN (1 << CONFIG_LOG_BUF_SHIFT)
static char __log_buf[__LOG_BUF_LEN] __aligned(LOG_ALIGN);
static char *log_buf = __log_buf;
static u32 log_buf_len = __LOG_BUF_LEN;

/* index and sequence number of the first record stored in the buffer */
static u64 log_first_seq;
static u32 log_first_idx;

/* index and sequence number of the next record to store in the buffer */
static u64 log_next_seq;
static u32 log_next_idx;

/* Return log buffer address */
char *log_buf_addr_get(void)
{
	return log_buf;
}

/* Return log buffer size */
u32 log_buf_len_get(void)
{
	return log_buf_len;
}

/* human readable text of the record */
static char *log_text(const struct printk_log *msg)
{
	return (char *)msg + sizeof(struct printk_log);
}

/* get record by index; idx must point to valid msg */
static struct printk_log *log_from_idx(u32 idx)
{
	struct printk_log *msg = (struct printk_log *)(log_buf + idx);

	/*
	 * A length == 0 record is the end of buffer marker. Wrap around and
	 * read the message at the start of the buffer.
	 */
	if (!msg->len)
		return (struct printk_log *)log_buf;
	return msg;
}

/* get next record; idx must point to valid msg */
static u32 log_next(u32 idx)
{
	struct printk_log *msg = (struct printk_log *)(log_buf + idx);

	/*
	 * A length == 0 record is the end of buffer marker. Wrap around and
	 * read the message at the start of the buffer as *this* one, and
	 * return the one after that.
	 */
	if (!msg->len) {
		msg = (struct printk_log *)log_buf;
		return msg->len;
	}
	return idx + msg->len;
}

/*
 * Check whether there is enough free space for the given message.
 *
 * The same values of first_idx and next_idx mean that the buffer
 * is either empty or full.
 *
 * If the buffer is empty, we must respect the position of the indexes.
 * They cannot be reset to the beginning of the buffer.
 */
static int logbuf_has_space(u32 msg_size, bool empty)
{
	u32 free;

	if (log_next_idx > log_first_idx || empty)
		free = max(log_buf_len - log_next_idx, log_first_idx);
	else
		free = log_first_idx - log_next_idx;

	/*
	 * We need space also for an empty header that signalizes wrapping
	 * of the buffer.
	 */
	return free >= msg_size + sizeof(struct printk_log);
}

static int log_make_free_space(u32 msg_size)
{
	while (log_first_seq < log_next_seq &&
	       !logbuf_has_space(msg_size, false)) {
		/* drop old messages until we have enough contiguous space */
		log_first_idx = log_next(log_first_idx);
		log_first_seq++;
	}

	/* sequence numbers are equal, so the log buffer is empty */
	if (logbuf_has_space(msg_size, log_first_seq == log_next_seq))
		return 0;

	return -ENOMEM;
}

/* compute the message size including the padding bytes */
static u32 msg_used_size(u16 text_len, u16 dict_len, u32 *pad_len)
{
	u32 size;

	size = sizeof(struct printk_log) + text_len + dict_len;
	*pad_len = (-size) & (LOG_ALIGN - 1);
	size += *pad_len;

	return size;
}

/* insert record into the buffer, discard old ones, update heads */
static int log_store(int facility, int level,
		     enum log_flags flags, u64 ts_nsec,
		     const char *dict, u16 dict_len,
		     const char *text, u16 text_len)
{
	struct printk_log *msg;
	u32 size, pad_len;

	/* number of '\0' padding bytes to next message */
	size = msg_used_size(text_len, dict_len, &pad_len);

	if (log_make_free_space(size)) {
		/* the message does not fit: store what does */
		text_len = log_buf_len / 4 - sizeof(struct printk_log);
		dict_len = 0;
		size = msg_used_size(text_len, dict_len, &pad_len);
		if (log_make_free_space(size))
			return 0;
	}

	if (log_next_idx + size + sizeof(struct printk_log) > log_buf_len) {
		/*
		 * This message + an additional empty header does not fit
		 * at the end of the buffer. Add an empty header with len == 0
		 * to signify a wrap around.
		 */
		memset(log_buf + log_next_idx, 0, sizeof(struct printk_log));
		log_next_idx = 0;
	}

	/* fill message */
	msg = (struct printk_log *)(log_buf + log_next_idx);
	memcpy(log_text(msg), text, text_len);
	msg->text_len = text_len;
	memcpy(log_text(msg) + text_len, dict, dict_len);
	msg->dict_len = dict_len;
	msg->facility = facility;
	msg->level = level & 7;
	msg->flags = flags & 0x1f;
	msg->ts_nsec = ts_nsec;
	memset(log_text(msg) + text_len + dict_len, 0, pad_len);
	msg->len = size;

	/* insert message */
	log_next_idx += msg->len;
	log_next_seq++;

	return msg->text_len;
}

/*
 * Continuation lines are buffered, and not committed to the record buffer
 * until the line is complete, or a race forces it.
 */
static struct cont {
	char buf[1024];
	size_t len;			/* length == 0 means unused buffer */
	u64 ts_nsec;			/* time of first print */
	u8 level;			/* log level of first message */
	u8 facility;			/* log facility of first message */
} cont;

static void call_console_drivers(int level, u64 ts, const char *text, size_t len);

static void cont_flush(void)
{
	if (cont.len == 0)
		return;
	log_store(cont.facility, cont.level, LOG_NEWLINE, cont.ts_nsec,
		  NULL, 0, cont.buf, cont.len);
	if (cont.level < console_loglevel)
		call_console_drivers(cont.level, cont.ts_nsec, cont.buf, cont.len);
	cont.len = 0;
}

static int cont_add(int facility, int level, const char *text, size_t len)
{
	if (cont.len + len > sizeof(cont.buf)) {
		cont_flush();
		if (len > sizeof(cont.buf))
			len = sizeof(cont.buf);
	}
	if (!cont.len) {
		cont.facility = facility;
		cont.level = level == LOGLEVEL_DEFAULT ? default_message_loglevel : level;
		cont.ts_nsec = local_clock();
	}
	memcpy(cont.buf + cont.len, text, len);
	cont.len += len;
	return 1;
}

/* "[    0.000000] ", as printk.time=1 prints it */
static size_t print_time(u64 ts, char *buf)
{
	unsigned long rem_nsec = ts % 1000000000;

	return snprintf(buf, 32, "[%5lu.%06lu] ", (unsigned long)(ts / 1000000000), rem_nsec / 1000);
}

/*
 * Call the console drivers, asking them to write out
 * log_buf[start] to log_buf[end - 1].
 * The console_lock must be held.
 */
static int console_registered;

static void call_console_drivers(int level, u64 ts, const char *text, size_t len)
{
	char prefix[32];
	size_t n;

	if (!console_registered)
		return;	/* printed when the console registers */
	n = print_time(ts, prefix);

	serial8250_console_write(prefix, n);
	serial8250_console_write(text, len);
	serial8250_console_write("\n", 1);
}

asmlinkage int vprintk_emit(int facility, int level,
			    const char *dict, size_t dictlen,
			    const char *fmt, va_list args)
{
	static char textbuf[1024];
	char *text = textbuf;
	size_t text_len = 0;
	enum log_flags lflags = 0;
	int printed_len = 0;
	u64 ts_nsec;

	/*
	 * The printf needs to come first; we need the syslog
	 * prefix which might be passed-in as a parameter.
	 */
	text_len = vscnprintf(text, sizeof(textbuf), fmt, args);

	/* mark and strip a trailing newline */
	if (text_len && text[text_len-1] == '\n') {
		text_len--;
		lflags |= LOG_NEWLINE;
	}

	/* strip kernel syslog prefix and extract log level or control flags */
	if (facility == 0) {
		int kern_level = printk_get_level(text);

		if (kern_level) {
			const char *end_of_header = printk_skip_level(text);
			switch (kern_level) {
			case '0' ... '7':
				if (level == LOGLEVEL_DEFAULT)
					level = kern_level - '0';
				/* fallthrough */
			case 'd':	/* KERN_DEFAULT */
				lflags |= LOG_PREFIX;
			}
			/*
			 * No need to check length here because vscnprintf
			 * put '\0' at the end of the string. Only valid and
			 * newly printed level is detected.
			 */
			text_len -= end_of_header - text;
			text = (char *)end_of_header;
		}
	}

	if (level == LOGLEVEL_DEFAULT)
		level = default_message_loglevel;

	if (dict)
		lflags |= LOG_PREFIX|LOG_NEWLINE;

	if (!(lflags & LOG_NEWLINE) || (cont.len && !(lflags & LOG_PREFIX))) {
		/*
		 * A fragment of a line: collect it in the continuation buffer
		 * until the line is complete (4.4's cont_add / cont_flush).
		 */
		if (cont.len && (lflags & LOG_PREFIX))
			cont_flush();
		if (cont_add(facility, level, text, text_len) && (lflags & LOG_NEWLINE))
			cont_flush();
		return text_len;
	}

	ts_nsec = local_clock();
	printed_len += log_store(facility, level, lflags, ts_nsec,
				 dict, dictlen, text, text_len);
	if (level < console_loglevel)
		call_console_drivers(level, ts_nsec, text, text_len);

	return printed_len;
}

asmlinkage int vprintk(const char *fmt, va_list args)
{
	return vprintk_emit(0, LOGLEVEL_DEFAULT, NULL, 0, fmt, args);
}

/**
 * printk - print a kernel message
 * @fmt: format string
 *
 * This is printk(). It can be called from any context. We want it to work.
 *
 * We try to grab the console_lock. If we succeed, it's easy - we log the
 * output and call the console drivers.  If we fail to get the semaphore, we
 * place the output into the log buffer and return. The current holder of
 * the console_sem will notice the new output in console_unlock(); and will
 * send it to the consoles before releasing the lock.
 *
 * One effect of this deferred printing is that code which calls printk() and
 * then changes console_loglevel may break. This is because console_loglevel
 * is inspected when the actual printing occurs.
 *
 * See also:
 * printf(3)
 *
 * See the vsnprintf() documentation for format string extensions over C99.
 */
asmlinkage __visible int printk(const char *fmt, ...)
{
	va_list args;
	int r;

	va_start(args, fmt);
	r = vprintk(fmt, args);
	va_end(args);

	return r;
}

/*
 * syslog(2) and dmesg: the records as text, "<level>[time] message\n"
 * each (4.4's msg_print_text with syslog prefix).
 */
#define SYSLOG_ACTION_CLOSE          0
#define SYSLOG_ACTION_OPEN           1
#define SYSLOG_ACTION_READ           2
#define SYSLOG_ACTION_READ_ALL       3
#define SYSLOG_ACTION_READ_CLEAR     4
#define SYSLOG_ACTION_CLEAR          5
#define SYSLOG_ACTION_CONSOLE_OFF    6
#define SYSLOG_ACTION_CONSOLE_ON     7
#define SYSLOG_ACTION_CONSOLE_LEVEL  8
#define SYSLOG_ACTION_SIZE_UNREAD    9
#define SYSLOG_ACTION_SIZE_BUFFER   10

/* the next printk record to read after the last 'clear' command */
static u64 clear_seq;
static u32 clear_idx;

static size_t msg_print_text(const struct printk_log *msg, char *buf, size_t size)
{
	size_t len = 0;
	char prefix[48];
	size_t plen;

	plen = snprintf(prefix, sizeof(prefix), "<%u>", (msg->facility << 3) | msg->level);
	plen += print_time(msg->ts_nsec, prefix + plen);
	if (plen + msg->text_len + 1 > size)
		return 0;
	memcpy(buf, prefix, plen);
	len = plen;
	memcpy(buf + len, log_text(msg), msg->text_len);
	len += msg->text_len;
	buf[len++] = '\n';
	return len;
}

static int syslog_print_all(char __user *buf, int size, bool clear)
{
	static char text[1200];
	int len = 0;
	u64 seq = clear_seq;
	u32 idx = clear_idx;

	if (seq < log_first_seq) {
		/* messages are gone, move to first available one */
		seq = log_first_seq;
		idx = log_first_idx;
	}
	/*
	 * Find first record that fits, including all following records,
	 * into the user-provided buffer for this dump.
	 */
	{
		u64 s = seq;
		u32 i = idx;
		int total = 0;

		while (s < log_next_seq) {
			total += msg_print_text(log_from_idx(i), text, sizeof(text));
			i = log_next(i);
			s++;
		}
		while (total > size && seq < log_next_seq) {
			total -= msg_print_text(log_from_idx(idx), text, sizeof(text));
			idx = log_next(idx);
			seq++;
		}
	}
	while (seq < log_next_seq) {
		struct printk_log *msg = log_from_idx(idx);
		int textlen = msg_print_text(msg, text, sizeof(text));

		if (len + textlen > size)
			break;
		if (copy_to_user(buf + len, text, textlen))
			return -EFAULT;
		len += textlen;
		idx = log_next(idx);
		seq++;
	}
	if (clear) {
		clear_seq = log_next_seq;
		clear_idx = log_next_idx;
	}
	return len;
}

int do_syslog(int type, char __user *buf, int len, int source)
{
	switch (type) {
	case SYSLOG_ACTION_CLOSE:	/* Close log */
	case SYSLOG_ACTION_OPEN:	/* Open log */
		return 0;
	case SYSLOG_ACTION_READ:	/* Read from log */
	case SYSLOG_ACTION_READ_ALL:
	case SYSLOG_ACTION_READ_CLEAR:
		if (!buf || len < 0)
			return -EINVAL;
		if (!len)
			return 0;
		if (!access_ok(VERIFY_WRITE, buf, len))
			return -EFAULT;
		return syslog_print_all(buf, len, type == SYSLOG_ACTION_READ_CLEAR);
	case SYSLOG_ACTION_CLEAR:
		clear_seq = log_next_seq;
		clear_idx = log_next_idx;
		return 0;
	case SYSLOG_ACTION_CONSOLE_OFF:
		console_loglevel = minimum_console_loglevel;
		return 0;
	case SYSLOG_ACTION_CONSOLE_ON:
		console_loglevel = default_console_loglevel;
		return 0;
	case SYSLOG_ACTION_CONSOLE_LEVEL:
		if (len < 1 || len > 8)
			return -EINVAL;
		if (len < minimum_console_loglevel)
			len = minimum_console_loglevel;
		console_loglevel = len;
		return 0;
	case SYSLOG_ACTION_SIZE_UNREAD:
		return (int)(log_next_seq - clear_seq);
	case SYSLOG_ACTION_SIZE_BUFFER:
		return log_buf_len;
	}
	return -EINVAL;
}

SYSCALL_DEFINE3(syslog, int, type, char __user *, buf, int, len)
{
	return do_syslog(type, buf, len, 0);
}

/*
 * The console is registered: it prints what was logged before it existed
 * (as 4.4's register_console replays the buffer), then everything new.
 */
void register_console(const char *name)
{
	u64 seq = log_first_seq;
	u32 idx = log_first_idx;

	console_registered = 1;
	while (seq < log_next_seq) {
		struct printk_log *msg = log_from_idx(idx);

		if (msg->level < console_loglevel)
			call_console_drivers(msg->level, msg->ts_nsec, log_text(msg), msg->text_len);
		idx = log_next(idx);
		seq++;
	}
	printk(KERN_INFO "console [%s] enabled\n", name);
}
