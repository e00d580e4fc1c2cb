const encoder = new TextEncoder();

/** UTF-8 bytes of a string: EventBridge measures positions and complexity in bytes. */
export function utf8Bytes(text: string): Uint8Array {
  return encoder.encode(text);
}

/** UTF-8 length of a string without allocating. */
export function utf8Length(text: string): number {
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) length += 1;
    else if (code < 0x800) length += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        length += 4;
        i++;
      } else length += 3;
    } else length += 3;
  }
  return length;
}
