import compression from 'compression';
import type { Request, RequestHandler } from 'express';
import { constants, crc32, deflateRawSync } from 'node:zlib';

// A page compressed to under TCP's first window (about 14 KB: every page here) arrives in one round trip whatever
// the level; level 1 takes about 60 % of level 6's time (a customer page at 10×: 11 KB instead of 10).
const LEVEL = 1;

/**
 * Pages go out compressed to a browser that accepts it, unless another site asked for them: a response that
 * reflects a request's input beside confidential data must not let that site measure its compressed size (BREACH).
 * A browser says who asked in Sec-Fetch-Site; a request without it is not a cross-site one from a modern browser.
 */
function askedByThisSite(req: Request): boolean {
  const site = req.get('Sec-Fetch-Site');
  return site === undefined || site === 'same-origin' || site === 'none';
}

/**
 * Compression for what Remix renders anew, pages and their data: the `compression` middleware, with the rule above.
 * The API's answers go as they are, to scripts that ask for them (the export streams hundreds of megabytes).
 */
export function pageCompression(): RequestHandler {
  return compression({
    level: LEVEL,
    filter: (req, res) => !req.path.startsWith('/api/') && askedByThisSite(req) && compression.filter(req, res),
  });
}

/** Whether a page kept in memory goes out gzipped (no Accept-Encoding at all asks for none). */
export function acceptsGzip(req: Request): boolean {
  return askedByThisSite(req) && req.get('Accept-Encoding') !== undefined && req.acceptsEncodings('gzip') === 'gzip';
}

/** A kept page: its HTML cut where each response fills in a value of its own (the value's index). */
export type Pieces = (Buffer | number)[];

/**
 * The pieces compressed once, each on its own: DEFLATE lets compressed segments follow one another when each ends on
 * a byte boundary (a sync flush), so a response's values can go between them as stored blocks, and a repeat view
 * costs a checksum instead of a compression.
 */
export function compressPieces(pieces: Pieces): Pieces {
  return pieces.map((piece) => (typeof piece === 'number' ? piece : deflateRawSync(piece, { level: LEVEL, finishFlush: constants.Z_SYNC_FLUSH })));
}

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
// An empty stored block marked as the last one.
const LAST_BLOCK = Buffer.from([1, 0, 0, 0xff, 0xff]);
const STORED_BLOCK_MAX = 0xffff;

function storedBlocks(data: Buffer): Buffer[] {
  const blocks: Buffer[] = [];
  for (let from = 0; from < data.length; from += STORED_BLOCK_MAX) {
    const part = data.subarray(from, from + STORED_BLOCK_MAX);
    blocks.push(Buffer.from([0, part.length & 0xff, part.length >> 8, ~part.length & 0xff, (~part.length >> 8) & 0xff]), part);
  }
  return blocks;
}

/** The gzip stream of a kept page with this response's values, from its pieces as they are and as compressed. */
export function gzipPage(pieces: Pieces, compressed: Pieces, values: Buffer[]): Buffer[] {
  const body: Buffer[] = [GZIP_HEADER];
  let crc = 0;
  let size = 0;
  for (const [index, piece] of compressed.entries()) {
    const plain = typeof piece === 'number' ? values[piece]! : (pieces[index] as Buffer);
    // Never an empty piece: zlib answers one whose memory is gone (as once compressed) with its initial value, 0.
    if (plain.length > 0) crc = crc32(plain, crc);
    size += plain.length;
    body.push(...(typeof piece === 'number' ? storedBlocks(plain) : [piece]));
  }
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(size % 2 ** 32, 4);
  body.push(LAST_BLOCK, trailer);
  return body;
}
