// An assembly error in GNU as's words; the driver adds the file and line.
export class AsmError extends Error {
  constructor(message: string, readonly warning = false) {
    super(message);
    this.name = 'AsmError';
  }
}
