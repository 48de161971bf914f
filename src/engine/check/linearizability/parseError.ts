/**
 * The one error every history parser throws: it names the 1-based line and
 * says what was expected there, e.g.
 * `line 12: expected :type to be :invoke, :ok, :fail or :info, got :done`.
 */
export class HistoryParseError extends Error {
  constructor(
    /** 1-based line number in the input. */
    readonly line: number,
    /** What was expected, as a sentence fragment without the line prefix. */
    readonly detail: string,
  ) {
    super(`line ${line}: ${detail}`);
    this.name = 'HistoryParseError';
  }
}
