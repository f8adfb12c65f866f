// Kconfig: parsing, symbol values (defaults, depends on, select, choice, visibility), and the
// 4.4 file formats of .config, autoconf.h and auto.conf; errors name file and line.
import { describe, expect, it } from 'vitest';
import { parseKconfig, KconfigError } from '../../src/kbuild/kconfig/parse.js';
import { Config } from '../../src/kbuild/kconfig/symbols.js';
import { formatAutoConf, formatAutoconfH, formatDotConfig, formatSavedefconfig, readDotConfig } from '../../src/kbuild/kconfig/dotconfig.js';

const KCONFIG = `mainmenu "Linux/$ARCH $KERNELVERSION Kernel Configuration"

config 64BIT
	bool "64-bit kernel" if ARCH = "x86"
	default ARCH != "i386"

config X86_64
	def_bool y
	depends on 64BIT

menu "General setup"

config LOCALVERSION
	string "Local version - append to kernel release"
	help
	  Append an extra string to the end of your kernel version.

config LOG_BUF_SHIFT
	int "Kernel log buffer size"
	range 12 25
	default 17

config HZ_HEX
	hex
	default 0x100

config EXPERT
	bool "Expert"

config PRINTK
	default y
	bool "Enable support for printk" if EXPERT

config FUTEX
	bool "Futex" if EXPERT
	select RT_MUTEXES

config RT_MUTEXES
	bool

endmenu

menu "Hidden menu"
	depends on NOTDEFINED

config HIDDEN
	bool "hidden"
	default y

endmenu

choice
	prompt "Timer frequency"
	default HZ_250

config HZ_100
	bool "100 HZ"

config HZ_250
	bool "250 HZ"

endchoice

if X86_64
config IA32_EMULATION
	bool "IA32 Emulation"
endif

config MODULES
	bool "Enable loadable module support"
	option modules

config CRYPTO
	tristate "Cryptographic API"
`;

const kc = () => parseKconfig('/', 'Kconfig', { ARCH: 'x86', KERNELVERSION: '4.4.79' }, (rel) => (rel === 'Kconfig' ? KCONFIG : undefined));

describe('Kconfig values', () => {
  it('defaults, depends on, visibility, select, choice', () => {
    const user = new Map([['FUTEX', 'y'], ['IA32_EMULATION', 'y'], ['HIDDEN', 'y'], ['PRINTK', 'n']]);
    const c = new Config(kc(), user, { ARCH: 'x86' });
    expect(c.get('64BIT').value).toBe('y'); // default ARCH != "i386"
    expect(c.get('X86_64').value).toBe('y');
    expect(c.get('LOG_BUF_SHIFT').value).toBe('17');
    expect(c.get('PRINTK').value).toBe('y'); // invisible without EXPERT: the user's n does not count
    expect(c.get('FUTEX').value).toBe('n'); // invisible without EXPERT, no default
    expect(c.get('HIDDEN').value).toBe('n'); // its menu depends on an undefined symbol
    expect(c.get('HZ_250').value).toBe('y');
    expect(c.get('HZ_100').value).toBe('n');
    expect(c.get('IA32_EMULATION').value).toBe('y');
    expect(c.get('CRYPTO').value).toBe('n');
  });

  it('select forces the selected symbol; tristate m becomes y without modules', () => {
    const c = new Config(kc(), new Map([['EXPERT', 'y'], ['FUTEX', 'y'], ['CRYPTO', 'm'], ['HZ_100', 'y']]));
    expect(c.get('RT_MUTEXES').value).toBe('y');
    expect(c.get('CRYPTO').value).toBe('y');
    expect(c.get('HZ_100').value).toBe('y');
    expect(c.get('HZ_250').value).toBe('n');
    const m = new Config(kc(), new Map([['MODULES', 'y'], ['CRYPTO', 'm']]));
    expect(m.get('CRYPTO').value).toBe('m');
  });
});

describe('.config, autoconf.h and auto.conf in the 4.4 formats', () => {
  const c = () => new Config(kc(), new Map([['LOCALVERSION', '-nsys'], ['IA32_EMULATION', 'y'], ['MODULES', 'y'], ['CRYPTO', 'm']]), { ARCH: 'x86' });

  it('.config', () => {
    expect(formatDotConfig(c())).toBe(
      [
        '#',
        '# Automatically generated file; DO NOT EDIT.',
        '# Linux/x86 4.4.79 Kernel Configuration',
        '#',
        'CONFIG_64BIT=y',
        'CONFIG_X86_64=y',
        '',
        '#',
        '# General setup',
        '#',
        'CONFIG_LOCALVERSION="-nsys"',
        'CONFIG_LOG_BUF_SHIFT=17',
        'CONFIG_HZ_HEX=0x100',
        '# CONFIG_EXPERT is not set',
        'CONFIG_PRINTK=y',
        '# CONFIG_HZ_100 is not set',
        'CONFIG_HZ_250=y',
        'CONFIG_IA32_EMULATION=y',
        'CONFIG_MODULES=y',
        'CONFIG_CRYPTO=m',
        '',
      ].join('\n'),
    );
  });

  it('autoconf.h', () => {
    expect(formatAutoconfH(c())).toBe(
      [
        '/*',
        ' *',
        ' * Automatically generated file; DO NOT EDIT.',
        ' * Linux/x86 4.4.79 Kernel Configuration',
        ' *',
        ' */',
        '#define CONFIG_64BIT 1',
        '#define CONFIG_X86_64 1',
        '#define CONFIG_LOCALVERSION "-nsys"',
        '#define CONFIG_LOG_BUF_SHIFT 17',
        '#define CONFIG_HZ_HEX 0x100',
        '#define CONFIG_PRINTK 1',
        '#define CONFIG_HZ_250 1',
        '#define CONFIG_IA32_EMULATION 1',
        '#define CONFIG_MODULES 1',
        '#define CONFIG_CRYPTO_MODULE 1',
        '',
      ].join('\n'),
    );
  });

  it('auto.conf lists the set symbols in make syntax', () => {
    const text = formatAutoConf(c());
    expect(text).toContain('\nCONFIG_CRYPTO=m\n');
    expect(text).toContain('\nCONFIG_LOCALVERSION="-nsys"\n');
    expect(text).not.toContain('EXPERT');
  });

  it('reading a .config back gives the same configuration; savedefconfig keeps only changes', () => {
    const text = formatDotConfig(c());
    const r = readDotConfig(text, '.config', kc());
    expect(r.warnings).toEqual([]);
    expect(formatDotConfig(new Config(kc(), r.values, { ARCH: 'x86' }))).toBe(text);
    expect(formatSavedefconfig(c())).toBe('CONFIG_LOCALVERSION="-nsys"\nCONFIG_IA32_EMULATION=y\nCONFIG_MODULES=y\nCONFIG_CRYPTO=m\n');
  });

  it('bad values in .config are conf warnings with file and line', () => {
    const r = readDotConfig('CONFIG_LOG_BUF_SHIFT=abc\nCONFIG_64BIT=maybe\ngarbage\n', '.config', kc());
    expect(r.warnings).toEqual([
      ".config:1:warning: symbol value 'abc' invalid for LOG_BUF_SHIFT",
      ".config:2:warning: symbol value 'maybe' invalid for 64BIT",
      '.config:3:warning: unexpected data: garbage',
    ]);
  });
});

describe('Kconfig errors', () => {
  const parse = (text: string) => () => parseKconfig('/', 'Kconfig', {}, (rel) => (rel === 'Kconfig' ? text : undefined));
  it('name file and line', () => {
    expect(parse('config A\n\tbool "a"\n\tfrobnicate\n')).toThrow(new KconfigError({ file: 'Kconfig', line: 3 }, 'syntax error'));
    expect(parse('menu "x"\nconfig A\n\tbool\n')).toThrow("Kconfig:1: unterminated 'menu' (no matching 'endmenu' in Kconfig)");
    expect(parse('config A\n\tbool "a"\n\tdepends on (B && \n')).toThrow(/^Kconfig:3: syntax error in expression/);
    expect(parse('source "nothere/Kconfig"\n')).toThrow('Kconfig:1: can\'t open file "nothere/Kconfig"');
    expect(parse('endif\n')).toThrow("Kconfig:1: 'endif' without a matching 'if'");
  });
});
