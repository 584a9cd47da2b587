/**
 * UTF-8 chunk boundaries, shared by the CSV reader's first-chunk check (csv/read-records.ts) and
 * the XML/JSON chunk reader (xml/text-source.ts): a chunk may end inside a multi-byte character,
 * which must be left for the next chunk, not judged invalid.
 */

/** Length of `buf` without a multi-byte UTF-8 sequence cut off at its end. */
export function completeUtf8Length(buf: Buffer): number {
  const end = buf.length;
  let lead = end - 1;
  while (lead >= 0 && end - lead <= 3 && (buf[lead]! & 0xc0) === 0x80) lead--;
  // Not a lead byte (ASCII, a stray continuation, 0xf5-0xff): nothing to leave out; isUtf8 judges.
  if (lead < 0 || buf[lead]! < 0xc0 || buf[lead]! > 0xf4) return end;
  const need = buf[lead]! >= 0xf0 ? 4 : buf[lead]! >= 0xe0 ? 3 : 2;
  return end - lead < need ? lead : end;
}
