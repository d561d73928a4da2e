/**
 * A streaming check of JSON syntax, fed chunk by chunk while a document is gathered to be parsed
 * whole: a file that is not JSON is refused at its first wrong byte, before the rest is read into
 * memory. It checks structure (brackets, strings, escapes, commas, colons, literals), loosely numbers.
 */

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

enum State {
  Value,
  ObjectKeyOrEnd,
  ObjectKey,
  Colon,
  ArrayValueOrEnd,
  AfterValue,
  String,
  Escape,
  Unicode,
  Number,
  Literal,
}

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const ESCAPES = new Set([...'"\\/bfnrt'].map((c) => c.charCodeAt(0)));
const NUMBER = new Set([...'0123456789+-.eE'].map((c) => c.charCodeAt(0)));
const HEX = /^[0-9a-fA-F]$/;

export class JsonChecker {
  private state = State.Value;
  /** Open containers: 0x7b `{`, 0x5b `[`. */
  private readonly stack: number[] = [];
  /** Where a string ends up: a key (then a colon) or a value. */
  private stringIsKey = false;
  private hexLeft = 0;
  private literal = '';
  private line = 1;
  private done = false;

  feed(chunk: Uint8Array): void {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      this.step(byte);
      if (byte === 0x0a) this.line++;
    }
  }

  /** At the end of the input: the document must be complete. */
  end(): void {
    if (this.state === State.Number) this.state = State.AfterValue;
    if (!this.done || this.stack.length > 0 || this.state !== State.AfterValue) {
      throw new JsonSyntaxError('the JSON ends before it is complete', this.line);
    }
  }

  private fail(byte: number): never {
    const shown = byte >= 0x20 && byte < 0x7f ? `"${String.fromCharCode(byte)}"` : `byte 0x${byte.toString(16)}`;
    throw new JsonSyntaxError(`unexpected ${shown}`, this.line);
  }

  private step(byte: number): void {
    switch (this.state) {
      case State.String:
        if (byte === 0x22) {
          this.state = this.stringIsKey ? State.Colon : State.AfterValue;
          if (!this.stringIsKey) this.valueDone();
        } else if (byte === 0x5c) this.state = State.Escape;
        else if (byte < 0x20) this.fail(byte);
        return;
      case State.Escape:
        if (byte === 0x75) {
          this.state = State.Unicode;
          this.hexLeft = 4;
        } else if (ESCAPES.has(byte)) this.state = State.String;
        else this.fail(byte);
        return;
      case State.Unicode:
        if (!HEX.test(String.fromCharCode(byte))) this.fail(byte);
        if (--this.hexLeft === 0) this.state = State.String;
        return;
      case State.Number:
        if (NUMBER.has(byte)) return;
        this.state = State.AfterValue;
        this.valueDone();
        return this.step(byte);
      case State.Literal:
        if (byte !== this.literal.charCodeAt(0)) this.fail(byte);
        this.literal = this.literal.slice(1);
        if (this.literal === '') {
          this.state = State.AfterValue;
          this.valueDone();
        }
        return;
    }
    if (WHITESPACE.has(byte)) return;
    switch (this.state) {
      case State.Value:
        return this.value(byte);
      case State.ObjectKeyOrEnd:
        if (byte === 0x7d) return this.close(0x7b);
        return this.key(byte);
      case State.ObjectKey:
        return this.key(byte);
      case State.Colon:
        if (byte !== 0x3a) this.fail(byte);
        this.state = State.Value;
        return;
      case State.ArrayValueOrEnd:
        if (byte === 0x5d) return this.close(0x5b);
        return this.value(byte);
      case State.AfterValue: {
        const top = this.stack[this.stack.length - 1];
        if (top === undefined) this.fail(byte);
        if (byte === 0x2c) this.state = top === 0x7b ? State.ObjectKey : State.Value;
        else if (byte === 0x7d || byte === 0x5d) this.close(byte === 0x7d ? 0x7b : 0x5b);
        else this.fail(byte);
        return;
      }
    }
  }

  private value(byte: number): void {
    if (this.done) this.fail(byte);
    if (byte === 0x7b || byte === 0x5b) {
      this.stack.push(byte);
      this.state = byte === 0x7b ? State.ObjectKeyOrEnd : State.ArrayValueOrEnd;
    } else if (byte === 0x22) {
      this.stringIsKey = false;
      this.state = State.String;
    } else if (byte === 0x2d || (byte >= 0x30 && byte <= 0x39)) this.state = State.Number;
    else if (byte === 0x74 || byte === 0x66 || byte === 0x6e) {
      this.literal = {116: 'rue', 102: 'alse', 110: 'ull'}[byte]!;
      this.state = State.Literal;
    } else this.fail(byte);
  }

  private key(byte: number): void {
    if (byte !== 0x22) this.fail(byte);
    this.stringIsKey = true;
    this.state = State.String;
  }

  private close(opener: number): void {
    if (this.stack.pop() !== opener) this.fail(opener === 0x7b ? 0x7d : 0x5d);
    this.state = State.AfterValue;
    this.valueDone();
  }

  /** A value at the top level ends the document: only whitespace may follow. */
  private valueDone(): void {
    if (this.stack.length === 0) this.done = true;
  }
}
