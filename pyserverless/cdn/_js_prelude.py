"""The JavaScript prelude of the CloudFront Functions runtime: our own shims, in JS.

quickjs-ng refuses to call into Python while a time limit is set, so the modules the runtime
provides (``crypto``, ``querystring``, ``Buffer``, ``cloudfront``) are written in JavaScript here;
KeyValueStore reads leave JS as queued promises that the Python side settles between calls.
The hash constants are computed exactly in Python (integer roots) and written into the source.
"""

from __future__ import annotations

import math

__all__ = ["prelude"]


def _iroot(n: int, k: int) -> int:
    lo, hi = 0, 1 << (n.bit_length() // k + 2)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if mid**k <= n:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _primes(count: int) -> list[int]:
    out: list[int] = []
    n = 2
    while len(out) < count:
        if all(n % p for p in out):
            out.append(n)
        n += 1
    return out


def _frac_bits(p: int, k: int) -> int:
    return _iroot(p << (32 * k), k) & 0xFFFFFFFF


_SHA256_K = [_frac_bits(p, 3) for p in _primes(64)]
_SHA256_H = [_frac_bits(p, 2) for p in _primes(8)]
_MD5_K = [int(abs(math.sin(i + 1)) * 2**32) & 0xFFFFFFFF for i in range(64)]


def _arr(values: list[int]) -> str:
    return "[" + ",".join(str(v | 0 if v < 2**31 else v - 2**32) for v in values) + "]"


_CODECS = r"""
var __utf8 = function (s) {
  var out = [], i, c;
  for (i = 0; i < s.length; i++) {
    c = s.charCodeAt(i);
    if (c < 0x80) { out.push(c); continue; }
    if (c < 0x800) { out.push(0xc0 | (c >> 6), 0x80 | (c & 63)); continue; }
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length &&
        (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      c = 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(++i) - 0xdc00);
      out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      continue;
    }
    if (c >= 0xd800 && c < 0xe000) { c = 0xfffd; }
    out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
};
var __unutf8 = function (b) {
  var s = '', i = 0, n = b.length, c, need, cp, min, j;
  while (i < n) {
    c = b[i++];
    if (c < 0x80) { s += String.fromCharCode(c); continue; }
    if (c >= 0xc2 && c < 0xe0) { need = 1; cp = c & 31; min = 0x80; }
    else if (c >= 0xe0 && c < 0xf0) { need = 2; cp = c & 15; min = 0x800; }
    else if (c >= 0xf0 && c < 0xf5) { need = 3; cp = c & 7; min = 0x10000; }
    else { s += '\ufffd'; continue; }
    j = 0;
    while (j < need && i < n && (b[i] & 0xc0) === 0x80) { cp = (cp << 6) | (b[i] & 63); i++; j++; }
    if (j < need || cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000)) {
      s += '\ufffd'; continue;
    }
    s += String.fromCodePoint(cp);
  }
  return s;
};
var __B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
var __tob64 = function (b, url) {
  var s = '', i, n = b.length, x;
  for (i = 0; i + 2 < n; i += 3) {
    x = (b[i] << 16) | (b[i + 1] << 8) | b[i + 2];
    s += __B64[x >> 18] + __B64[(x >> 12) & 63] + __B64[(x >> 6) & 63] + __B64[x & 63];
  }
  if (n - i === 1) { x = b[i] << 16; s += __B64[x >> 18] + __B64[(x >> 12) & 63] + '=='; }
  else if (n - i === 2) {
    x = (b[i] << 16) | (b[i + 1] << 8);
    s += __B64[x >> 18] + __B64[(x >> 12) & 63] + __B64[(x >> 6) & 63] + '=';
  }
  if (url) { s = s.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''); }
  return s;
};
var __fromb64 = function (s) {
  var out = [], acc = 0, bits = 0, i, c, v;
  for (i = 0; i < s.length; i++) {
    c = s.charAt(i);
    if (c === '=') { break; }
    if (c === '-') { c = '+'; } else if (c === '_') { c = '/'; }
    v = __B64.indexOf(c);
    if (v < 0) { continue; }
    acc = (acc << 6) | v; bits += 6;
    if (bits >= 8) { bits -= 8; out.push((acc >> bits) & 255); }
  }
  return out;
};
var __tohex = function (b) {
  var s = '', i;
  for (i = 0; i < b.length; i++) { s += (b[i] < 16 ? '0' : '') + b[i].toString(16); }
  return s;
};
var __fromhex = function (s) {
  var out = [], i, v;
  for (i = 0; i + 1 < s.length; i += 2) {
    v = parseInt(s.substr(i, 2), 16);
    if (v !== v) { break; }
    out.push(v);
  }
  return out;
};
var __tobin = function (b) {
  var s = '', i;
  for (i = 0; i < b.length; i++) { s += String.fromCharCode(b[i]); }
  return s;
};
var __frombin = function (s) {
  var out = [], i;
  for (i = 0; i < s.length; i++) { out.push(s.charCodeAt(i) & 255); }
  return out;
};
var __encode = function (s, enc) {
  enc = (enc || 'utf8').toLowerCase();
  if (enc === 'utf8' || enc === 'utf-8') { return __utf8(s); }
  if (enc === 'base64' || enc === 'base64url') { return __fromb64(s); }
  if (enc === 'hex') { return __fromhex(s); }
  if (enc === 'latin1' || enc === 'binary' || enc === 'ascii') { return __frombin(s); }
  throw new TypeError('Unknown encoding: ' + enc);
};
var __decode = function (b, enc) {
  enc = (enc || 'utf8').toLowerCase();
  if (enc === 'utf8' || enc === 'utf-8') { return __unutf8(b); }
  if (enc === 'base64') { return __tob64(b, false); }
  if (enc === 'base64url') { return __tob64(b, true); }
  if (enc === 'hex') { return __tohex(b); }
  if (enc === 'latin1' || enc === 'binary') { return __tobin(b); }
  if (enc === 'ascii') { return __tobin(b.map(function (x) { return x & 127; })); }
  throw new TypeError('Unknown encoding: ' + enc);
};
"""

_HASHES = r"""
var __rotr = function (x, n) { return (x >>> n) | (x << (32 - n)); };
var __rotl = function (x, n) { return (x << n) | (x >>> (32 - n)); };
var __pad = function (m, little) {
  var w = m.slice(), bl = m.length * 8, hi = Math.floor(bl / 4294967296), lo = bl >>> 0, i, len;
  w.push(0x80);
  while (w.length % 64 !== 56) { w.push(0); }
  len = [hi >>> 24, (hi >>> 16) & 255, (hi >>> 8) & 255, hi & 255,
         lo >>> 24, (lo >>> 16) & 255, (lo >>> 8) & 255, lo & 255];
  if (little) { len.reverse(); }
  for (i = 0; i < 8; i++) { w.push(len[i]); }
  return w;
};
var __words = function (H, little) {
  var out = [], i, h;
  for (i = 0; i < H.length; i++) {
    h = H[i];
    if (little) { out.push(h & 255, (h >>> 8) & 255, (h >>> 16) & 255, h >>> 24); }
    else { out.push(h >>> 24, (h >>> 16) & 255, (h >>> 8) & 255, h & 255); }
  }
  return out;
};
var __sha256 = function (m) {
  var K = %(K256)s, H = %(H256)s, w = __pad(m, false), W = [], o, t, a, b, c, d, e, f, g, h, t1, t2;
  for (o = 0; o < w.length; o += 64) {
    for (t = 0; t < 16; t++) {
      W[t] = (w[o + 4 * t] << 24) | (w[o + 4 * t + 1] << 16) |
        (w[o + 4 * t + 2] << 8) | w[o + 4 * t + 3];
    }
    for (t = 16; t < 64; t++) {
      a = W[t - 15]; b = W[t - 2];
      W[t] = (W[t - 16] + (__rotr(a, 7) ^ __rotr(a, 18) ^ (a >>> 3)) + W[t - 7] +
              (__rotr(b, 17) ^ __rotr(b, 19) ^ (b >>> 10))) | 0;
    }
    a = H[0]; b = H[1]; c = H[2]; d = H[3]; e = H[4]; f = H[5]; g = H[6]; h = H[7];
    for (t = 0; t < 64; t++) {
      t1 = (h + (__rotr(e, 6) ^ __rotr(e, 11) ^ __rotr(e, 25)) + ((e & f) ^ (~e & g)) +
            K[t] + W[t]) | 0;
      t2 = ((__rotr(a, 2) ^ __rotr(a, 13) ^ __rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
    }
    H[0] = (H[0] + a) | 0; H[1] = (H[1] + b) | 0; H[2] = (H[2] + c) | 0; H[3] = (H[3] + d) | 0;
    H[4] = (H[4] + e) | 0; H[5] = (H[5] + f) | 0; H[6] = (H[6] + g) | 0; H[7] = (H[7] + h) | 0;
  }
  return __words(H, false);
};
var __sha1 = function (m) {
  var H = [0x67452301, 0xefcdab89 | 0, 0x98badcfe | 0, 0x10325476, 0xc3d2e1f0 | 0];
  var w = __pad(m, false), W = [], o, t, a, b, c, d, e, f, k, x;
  for (o = 0; o < w.length; o += 64) {
    for (t = 0; t < 16; t++) {
      W[t] = (w[o + 4 * t] << 24) | (w[o + 4 * t + 1] << 16) |
        (w[o + 4 * t + 2] << 8) | w[o + 4 * t + 3];
    }
    for (t = 16; t < 80; t++) { W[t] = __rotl(W[t - 3] ^ W[t - 8] ^ W[t - 14] ^ W[t - 16], 1); }
    a = H[0]; b = H[1]; c = H[2]; d = H[3]; e = H[4];
    for (t = 0; t < 80; t++) {
      if (t < 20) { f = (b & c) | (~b & d); k = 0x5a827999; }
      else if (t < 40) { f = b ^ c ^ d; k = 0x6ed9eba1; }
      else if (t < 60) { f = (b & c) | (b & d) | (c & d); k = 0x8f1bbcdc | 0; }
      else { f = b ^ c ^ d; k = 0xca62c1d6 | 0; }
      x = (__rotl(a, 5) + f + e + k + W[t]) | 0;
      e = d; d = c; c = __rotl(b, 30); b = a; a = x;
    }
    H[0] = (H[0] + a) | 0; H[1] = (H[1] + b) | 0; H[2] = (H[2] + c) | 0;
    H[3] = (H[3] + d) | 0; H[4] = (H[4] + e) | 0;
  }
  return __words(H, false);
};
var __md5S = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
var __md5 = function (m) {
  var K = %(KMD5)s, H = [0x67452301, 0xefcdab89 | 0, 0x98badcfe | 0, 0x10325476];
  var w = __pad(m, true), M = [], o, i, a, b, c, d, f, g, x;
  for (o = 0; o < w.length; o += 64) {
    for (i = 0; i < 16; i++) {
      M[i] = w[o + 4 * i] | (w[o + 4 * i + 1] << 8) | (w[o + 4 * i + 2] << 16) |
        (w[o + 4 * i + 3] << 24);
    }
    a = H[0]; b = H[1]; c = H[2]; d = H[3];
    for (i = 0; i < 64; i++) {
      if (i < 16) { f = (b & c) | (~b & d); g = i; }
      else if (i < 32) { f = (d & b) | (~d & c); g = (5 * i + 1) % 16; }
      else if (i < 48) { f = b ^ c ^ d; g = (3 * i + 5) % 16; }
      else { f = c ^ (b | ~d); g = (7 * i) % 16; }
      x = (f + a + K[i] + M[g]) | 0;
      a = d; d = c; c = b; b = (b + __rotl(x, __md5S[(i >> 4) * 4 + (i & 3)])) | 0;
    }
    H[0] = (H[0] + a) | 0; H[1] = (H[1] + b) | 0; H[2] = (H[2] + c) | 0; H[3] = (H[3] + d) | 0;
  }
  return __words(H, true);
};
"""

_MODULES = r"""
var __algos = { md5: __md5, sha1: __sha1, sha256: __sha256 };
var __bytes = function (data, enc) {
  if (typeof data === 'string') { return __encode(data, enc); }
  if (data instanceof Uint8Array) { return Array.prototype.slice.call(data); }
  throw new TypeError('data must be a string or a Buffer');
};
var __algo = function (name) {
  var f = __algos[String(name).toLowerCase()];
  if (!f) { throw new Error('Invalid hash algorithm: ' + name); }
  return f;
};
var __out = function (bytes, enc) {
  if (enc === undefined) { return __V2 ? __mkbuf(bytes) : __tobin(bytes); }
  return __decode(bytes, enc);
};
var __Hash = function (f, key) {
  this._f = f; this._key = key; this._data = []; this._done = false;
};
__Hash.prototype.update = function (data, enc) {
  if (this._done) { throw new Error('Digest already called'); }
  var b = __bytes(data, enc), i;
  for (i = 0; i < b.length; i++) { this._data.push(b[i]); }
  return this;
};
__Hash.prototype.digest = function (enc) {
  if (this._done) { throw new Error('Digest already called'); }
  this._done = true;
  var f = this._f, k = this._key, ip = [], op = [], i;
  if (k === null) { return __out(f(this._data), enc); }
  if (k.length > 64) { k = f(k); }
  for (i = 0; i < 64; i++) { ip.push((k[i] || 0) ^ 0x36); op.push((k[i] || 0) ^ 0x5c); }
  return __out(f(op.concat(f(ip.concat(this._data)))), enc);
};
var __crypto = {
  createHash: function (name) { return new __Hash(__algo(name), null); },
  createHmac: function (name, key) { return new __Hash(__algo(name), __bytes(key, 'utf8')); }
};
var __qs = (function () {
  var prim = function (v) {
    if (typeof v === 'string') { return v; }
    if (typeof v === 'number' && isFinite(v)) { return '' + v; }
    if (typeof v === 'bigint') { return '' + v; }
    if (typeof v === 'boolean') { return v ? 'true' : 'false'; }
    return '';
  };
  var esc = function (s) { return encodeURIComponent(s); };
  var unesc = function (s) {
    try { return decodeURIComponent(s); } catch (e) {
      var b = [], i = 0, h;
      while (i < s.length) {
        if (s.charAt(i) === '%' && /^[0-9a-fA-F]{2}$/.test(s.substr(i + 1, 2))) {
          b.push(parseInt(s.substr(i + 1, 2), 16)); i += 3;
        } else {
          h = s.codePointAt(i);
          Array.prototype.push.apply(b, __utf8(String.fromCodePoint(h)));
          i += h > 0xffff ? 2 : 1;
        }
      }
      return __unutf8(b);
    }
  };
  var parse = function (str, sep, eq, options) {
    var obj = Object.create(null), parts, max = 1000, dec = unesc, i, x, idx, k, v, cur;
    sep = sep || '&'; eq = eq || '=';
    if (options && typeof options.maxKeys === 'number') { max = options.maxKeys; }
    if (options && typeof options.decodeURIComponent === 'function') {
      dec = options.decodeURIComponent;
    }
    if (typeof str !== 'string' || str.length === 0) { return obj; }
    parts = str.split(sep);
    if (max > 0 && parts.length > max) { parts = parts.slice(0, max); }
    for (i = 0; i < parts.length; i++) {
      x = parts[i];
      if (x.length === 0) { continue; }
      idx = x.indexOf(eq);
      if (idx >= 0) { k = x.substr(0, idx); v = x.substr(idx + eq.length); } else { k = x; v = ''; }
      k = dec(k.replace(/\+/g, ' ')); v = dec(v.replace(/\+/g, ' '));
      cur = obj[k];
      if (cur === undefined) { obj[k] = v; }
      else if (Array.isArray(cur)) { cur.push(v); }
      else { obj[k] = [cur, v]; }
    }
    return obj;
  };
  var stringify = function (obj, sep, eq, options) {
    var enc = esc, keys, out = [], i, j, ks, v;
    sep = sep || '&'; eq = eq || '=';
    if (options && typeof options.encodeURIComponent === 'function') {
      enc = options.encodeURIComponent;
    }
    if (obj === null || typeof obj !== 'object') { return ''; }
    keys = Object.keys(obj);
    for (i = 0; i < keys.length; i++) {
      ks = enc(prim(keys[i])) + eq;
      v = obj[keys[i]];
      if (Array.isArray(v)) {
        for (j = 0; j < v.length; j++) { out.push(ks + enc(prim(v[j]))); }
      } else { out.push(ks + enc(prim(v))); }
    }
    return out.join(sep);
  };
  return { parse: parse, decode: parse, stringify: stringify, encode: stringify,
           escape: esc, unescape: unesc };
})();
"""

_BUFFER = r"""
class Buffer extends Uint8Array {
  toString(enc, start, end) {
    var b = Array.prototype.slice.call(this, start || 0, end === undefined ? this.length : end);
    return __decode(b, enc);
  }
  toJSON() { return { type: 'Buffer', data: Array.prototype.slice.call(this) }; }
  equals(other) {
    if (this.length !== other.length) { return false; }
    for (var i = 0; i < this.length; i++) { if (this[i] !== other[i]) { return false; } }
    return true;
  }
  static from(value, enc) {
    if (typeof value === 'string') { return __mkbuf(__encode(value, enc)); }
    if (value instanceof ArrayBuffer) { return new Buffer(value); }
    if (value && typeof value.length === 'number') {
      return __mkbuf(Array.prototype.slice.call(value));
    }
    throw new TypeError('The first argument must be a string, Buffer, ArrayBuffer or Array');
  }
  static alloc(n, fill) {
    var b = new Buffer(n);
    if (fill !== undefined) { b.fill(fill); }
    return b;
  }
  static isBuffer(v) { return v instanceof Buffer; }
  static byteLength(s, enc) { return typeof s === 'string' ? __encode(s, enc).length : s.length; }
  static concat(list, total) {
    var all = [], i;
    for (i = 0; i < list.length; i++) {
      Array.prototype.push.apply(all, Array.prototype.slice.call(list[i]));
    }
    if (total !== undefined) { all = all.slice(0, total); }
    return __mkbuf(all);
  }
}
var __mkbuf = function (bytes) { var b = new Buffer(bytes.length); b.set(bytes); return b; };
"""

_RUNTIME = r"""
var __logs = [], __logChars = 0, __origins = [], __kvsQ = [], __kvsWait = [], __result = null;
var __show = function (v) {
  if (typeof v === 'string') { return v; }
  if (v !== null && typeof v === 'object') {
    try { return JSON.stringify(v); } catch (e) { return String(v); }
  }
  return String(v);
};
var __log = function () {
  if (__logChars > %(LOGCAP)s) { return; }
  var parts = [], i;
  for (i = 0; i < arguments.length; i++) { parts.push(__show(arguments[i])); }
  var line = parts.join(' ');
  __logChars += line.length + 1;
  __logs.push(line);
};
var __console = Object.freeze({ log: __log, info: __log, warn: __log, error: __log, debug: __log });
var __kvsCall = function (op, id, key, fmt) {
  return new Promise(function (res, rej) {
    __kvsQ.push({ op: op, id: id, key: key, fmt: fmt, res: res, rej: rej });
  });
};
var __kvsTake = function () {
  var q = __kvsQ; __kvsQ = []; __kvsWait = q;
  return JSON.stringify(q.map(function (r) { return [r.op, r.id, r.key, r.fmt]; }));
};
var __kvsGive = function (json) {
  var answers = JSON.parse(json), i, r, a, v;
  for (i = 0; i < answers.length; i++) {
    r = __kvsWait[i]; a = answers[i];
    if (!a[0]) { r.rej(new Error(a[1])); continue; }
    v = a[1];
    if (r.op === 'get' && r.fmt === 'bytes') {
      v = __V2 ? __mkbuf(__fromb64(v)) : __tobin(__fromb64(v));
    }
    r.res(v);
  }
  __kvsWait = [];
};
var __cf = Object.freeze({
  kvs: function (id) {
    var sid = id === undefined ? '' : String(id);
    return Object.freeze({
      get: function (key, opts) {
        var fmt = (opts && opts.format) || 'string';
        if (fmt !== 'string' && fmt !== 'json' && fmt !== 'bytes') {
          return Promise.reject(new Error('Invalid format: ' + fmt));
        }
        return __kvsCall('get', sid, String(key), fmt);
      },
      exists: function (key) { return __kvsCall('exists', sid, String(key), ''); },
      meta: function () { return __kvsCall('meta', sid, '', ''); }
    });
  },
  updateRequestOrigin: function (params) {
    __origins.push({ helper: 'updateRequestOrigin', args: [params] });
  },
  selectRequestOriginById: function (id, params) {
    __origins.push({ helper: 'selectRequestOriginById',
                     args: params === undefined ? [id] : [id, params] });
  },
  createRequestOriginGroup: function (params) {
    __origins.push({ helper: 'createRequestOriginGroup', args: [params] });
  }
});
var __mods = { crypto: Object.freeze(__crypto), querystring: Object.freeze(__qs) };
if (__V2) { __mods.buffer = Object.freeze({ Buffer: Buffer }); __mods.cloudfront = __cf; }
var __require = function (name) {
  var m = Object.prototype.hasOwnProperty.call(__mods, name) ? __mods[name] : undefined;
  if (m === undefined) { throw new Error('Cannot find module "' + name + '"'); }
  return m;
};
var __baseGlobals = Object.create(null);
var __finish = function (status, value) {
  __result = { s: status, v: value, logs: __logs, origins: __origins };
  return JSON.stringify(__result);
};
var __settle = function () {
  if (__result === null) { return 'P'; }
  var out = JSON.stringify(__result); __result = null; return out;
};
var __isInternal = function (e) { return e instanceof InternalError; };
var __run = function (json, now) {
  var k;
  __nowMs = now;
  for (k in globalThis) { if (!__baseGlobals[k]) { delete globalThis[k]; } }
  __logs = []; __logChars = 0; __origins = []; __kvsQ = []; __kvsWait = []; __result = null;
  var ev = JSON.parse(json), h, r;
  try {
    h = __factory.call({}, __console, __require);
    if (typeof h !== 'function') { throw new ReferenceError('handler is not defined'); }
    r = h(ev);
  } catch (e) {
    if (e === null || __isInternal(e)) { throw e; }
    return __finish('err', String(e));
  }
  if (r !== null && typeof r === 'object' && typeof r.then === 'function') {
    r.then(function (v) { __finish('ok', v); },
           function (e) { __finish('err', String(e)); });
    return 'P';
  }
  return __finish('ok', r);
};
"""

_CLOCK = r"""
var __nowMs = null, __RealDate = Date;
class __CloudDate extends __RealDate {
  constructor(...args) {
    if (args.length === 0 && __nowMs !== null) { super(__nowMs); } else { super(...args); }
  }
  static now() { return __nowMs === null ? __RealDate.now() : __nowMs; }
}
Object.defineProperty(globalThis, 'Date',
                      { value: __CloudDate, writable: true, configurable: true });
"""

_LOCKDOWN = r"""
(function () {
  var refuse = function () {
    throw new TypeError('function constructor is disabled in "safe" mode');
  };
  var protos = [Function.prototype, Object.getPrototypeOf(async function () {}),
                Object.getPrototypeOf(function* () {}),
                Object.getPrototypeOf(async function* () {})];
  for (var i = 0; i < protos.length; i++) {
    Object.defineProperty(protos[i], 'constructor',
                          { value: refuse, writable: false, configurable: false });
  }
  var gone = ['eval', 'Function', 'WeakRef', 'FinalizationRegistry', 'Atomics', 'SharedArrayBuffer',
              'queueMicrotask', 'performance', 'navigator', 'gc'];
  for (var j = 0; j < gone.length; j++) { delete globalThis[gone[j]]; }
  if (!__V2) { delete globalThis.Buffer; }
  for (var k in globalThis) { __baseGlobals[k] = 1; }
})();
"""

_STRING_V1 = r"""
(function () {
  var def = function (name, f) {
    Object.defineProperty(String.prototype, name, { value: f, writable: true, configurable: true });
  };
  def('toUTF8', function () { return __tobin(__utf8(String(this))); });
  def('fromUTF8', function () {
    var s = String(this), b = __frombin(s), t = __unutf8(b);
    return __tobin(__utf8(t)) === s ? t : null;
  });
  def('toBytes', function () { return __tobin(__frombin(String(this))); });
  def('fromBytes', function (start, end) {
    return __tobin(__frombin(String(this).slice(start, end)));
  });
  String.bytesFrom = function (v, enc) {
    if (typeof v === 'string') {
      return __tobin(__encode(v, enc === 'base64url' ? 'base64' : enc || 'hex'));
    }
    return __tobin(v.map(function (x) { return x & 255; }));
  };
})();
"""


def _fill(text: str, values: dict[str, str]) -> str:
    for name, value in values.items():
        text = text.replace(f"%({name})s", value)
    return text


def prelude(*, v2: bool, log_cap_chars: int) -> str:
    """The prelude's source for one runtime (``v2``: cloudfront-js-2.0)."""
    consts = {"K256": _arr(_SHA256_K), "H256": _arr(_SHA256_H), "KMD5": _arr(_MD5_K)}
    parts = [
        f"var __V2 = {'true' if v2 else 'false'};",
        _CODECS,
        _fill(_HASHES, consts),
        _BUFFER if v2 else "var __mkbuf = function (b) { return b; };",
        _MODULES,
        _fill(_RUNTIME, {"LOGCAP": str(log_cap_chars)}),
        "" if v2 else _STRING_V1,
        _CLOCK,
        _LOCKDOWN,
    ]
    return "\n".join(parts)
