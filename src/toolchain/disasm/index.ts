// The disassembler's public face: one instruction at a time, in GNU objdump's AT&T text.
export { disassembleOne, type Disassembled, type DisasmOptions } from './disasm.js';
