/**
 * Elementwise kernels in WebAssembly SIMD, assembled from text at load time (like the gemm kernel,
 * wasm-simd.ts): tanh over an array, and the Box–Muller normals of an sfc32 stream. Both give the
 * bits of their scalar definitions exactly — fdlibm.ts's tanh, and rng.ts's `normal()` (sfc32
 * words → 53-bit uniforms u1, u2 → √(−2·log(1 − u1))·(cos, sin)(2π·u2), times std) — so whether a
 * run uses them changes its speed, never its result (tests/unit/kernels/elementwise.test.ts).
 * Where wasm SIMD is unavailable `elementwiseKernel()` is null and the callers loop over the
 * scalar ports instead.
 *
 * Two modules, each under the 4 KiB that browsers compile synchronously on a page's main thread:
 * tanh, and normals. Their memories hold the sfc32 state (4 words) at STATE, then an input and an
 * output chunk of CHUNK doubles; the adapter below copies arrays through them.
 */
import { tanh as tanhScalar } from "../fdlibm";
import { Code, F, sqrt, vLog, vmul, vSinCos, vTanh } from "./vector-math";
import { assemble, type Func, instantiate } from "./wasm-assembler";

const STATE = 0;
const CHUNK = 4096;
const IN = 64;
const OUT = IN + 8 * CHUNK;
const PAGES = Math.ceil((OUT + 8 * CHUNK) / 65536);

/**
 * tanh(src, dst, quads): dst[i] = tanh(src[i]) for 4·quads doubles (byte offsets), two vectors per
 * iteration — independent chains the CPU overlaps (each is long: a Horner polynomial and two divisions).
 */
function tanhFunc(): Func {
  const c = new Code();
  for (const offset of [0, 16]) {
    const y = c.let(vTanh(c, `local.get $src v128.load offset=${offset}`));
    c.emit(`local.get $dst ${y} v128.store offset=${offset}`);
  }
  const { prologue, body } = c.hoistConstants();
  return {
    name: "tanh",
    params: [
      ["$src", "i32"],
      ["$dst", "i32"],
      ["$quads", "i32"],
    ],
    locals: c.locals,
    body: `
      ${prologue}
      loop
        ${body}
        local.get $src i32.const 32 i32.add local.set $src
        local.get $dst i32.const 32 i32.add local.set $dst
        local.get $quads i32.const 1 i32.sub local.tee $quads
        br_if 0
      end`,
  };
}

/** One sfc32 step on locals $a $b $c $d (rng.ts nextU32); leaves the word in $t. */
const SFC32 = `
  local.get $a local.get $b i32.add local.get $d i32.add local.set $t
  local.get $d i32.const 1 i32.add local.set $d
  local.get $b local.get $b i32.const 9 i32.shr_u i32.xor local.set $a
  local.get $c local.get $c i32.const 3 i32.shl i32.add local.set $b
  local.get $c i32.const 21 i32.rotl local.get $t i32.add local.set $c`;

/**
 * rng.ts uniform(): (word₁ >>> 5)·2²⁶ + (word₂ >>> 6), times 2⁻⁵³ (exact, as the division by 2⁵³
 * it replaces: a power of two only shifts the exponent); leaves the f64 on the stack.
 */
const UNIFORM = `
  ${SFC32} local.get $t i32.const 5 i32.shr_u f64.convert_i32_u f64.const 67108864 f64.mul
  ${SFC32} local.get $t i32.const 6 i32.shr_u f64.convert_i32_u f64.add
  f64.const 1.1102230246251565e-16 f64.mul`;

/** i8x16.shuffle lanes: the low (or high) double of each of two vectors. */
const LO = "0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23";
const HI = "8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31";

/**
 * normals(state, dst, quads, std): 4·quads draws of rng.ts normal(), times std, from the sfc32
 * state at `state` (updated): per two pairs, u1 = 1 − uniform() and u2 = uniform() for pair a then
 * pair b, one f64x2 lane per pair, r = √(−2·log u1), θ = 2π·u2, and the stream order r·cos θ,
 * r·sin θ (pair a), then pair b.
 */
function normalsFunc(): Func {
  const c = new Code();
  const [u1, u2] = [c.local(), c.local()];
  const r = c.let(sqrt(vmul(F(-2), vLog(c, `local.get ${u1}`))));
  const { sin, cos } = vSinCos(c, vmul(F(2 * Math.PI), `local.get ${u2}`));
  const rc = c.let(vmul("local.get $std2", vmul(r, cos)));
  const rs = c.let(vmul("local.get $std2", vmul(r, sin)));
  const { prologue, body } = c.hoistConstants();
  return {
    name: "normals",
    params: [
      ["$state", "i32"],
      ["$dst", "i32"],
      ["$quads", "i32"],
      ["$std", "f64"],
    ],
    locals: [
      ...["$a", "$b", "$c", "$d", "$t"].map((n) => [n, "i32"] as [string, "i32"]),
      ["$u1a", "f64"],
      ["$std2", "v128"],
      ...c.locals,
    ],
    body: `
      local.get $state i32.load local.set $a
      local.get $state i32.load offset=4 local.set $b
      local.get $state i32.load offset=8 local.set $c
      local.get $state i32.load offset=12 local.set $d
      local.get $std f64x2.splat local.set $std2
      ${prologue}
      loop
        f64.const 1 ${UNIFORM} f64.sub local.set $u1a
        ${UNIFORM} f64x2.splat local.set ${u2}
        local.get $u1a f64x2.splat
        f64.const 1 ${UNIFORM} f64.sub f64x2.replace_lane 1 local.set ${u1}
        local.get ${u2} ${UNIFORM} f64x2.replace_lane 1 local.set ${u2}
        ${body}
        local.get $dst ${rc} ${rs} i8x16.shuffle ${LO} v128.store
        local.get $dst ${rc} ${rs} i8x16.shuffle ${HI} v128.store offset=16
        local.get $dst i32.const 32 i32.add local.set $dst
        local.get $quads i32.const 1 i32.sub local.tee $quads
        br_if 0
      end
      local.get $state local.get $a i32.store
      local.get $state local.get $b i32.store offset=4
      local.get $state local.get $c i32.store offset=8
      local.get $state local.get $d i32.store offset=12`,
  };
}

/** The modules' bytes: tanh, then normals. */
export function emitElementwiseModules(): [Uint8Array<ArrayBuffer>, Uint8Array<ArrayBuffer>] {
  return [assemble([tanhFunc()]), assemble([normalsFunc()])];
}

/** sfc32's four state words, read and written by `normals`. */
export interface Sfc32State {
  a: number;
  b: number;
  c: number;
  d: number;
}

export interface ElementwiseKernel {
  /** a[i] = tanh(u[i]) for i < n (fdlibm's bits); a may be u. */
  tanh(u: Float64Array, a: Float64Array, n: number): void;
  /** out[start + i] = std · (the next normal of the stream), count a multiple of 4; advances `state`. */
  normals(state: Sfc32State, out: Float64Array, start: number, count: number, std: number): void;
}

/** A module's exports and a Float64Array / Int32Array view of its memory, grown to PAGES. */
function load(bytes: Uint8Array<ArrayBuffer>) {
  const exports = instantiate(bytes);
  if (!exports) return null;
  const mem = exports.mem as WebAssembly.Memory;
  mem.grow(PAGES - mem.buffer.byteLength / 65536);
  return { exports, f64: new Float64Array(mem.buffer), i32: new Int32Array(mem.buffer) };
}

function createWasmElementwise(): ElementwiseKernel | null {
  const [tanhBytes, normalsBytes] = emitElementwiseModules();
  const t = load(tanhBytes);
  const g = load(normalsBytes);
  if (!t || !g) return null;
  const tanh = t.exports.tanh as (src: number, dst: number, quads: number) => void;
  const normals = g.exports.normals as (state: number, dst: number, quads: number, std: number) => void;
  return {
    tanh(u, a, n) {
      for (let start = 0; start < n; start += CHUNK) {
        const len = Math.min(CHUNK, n - start);
        const bulk = len & ~3;
        if (bulk > 0) {
          t.f64.set(u.subarray(start, start + bulk), IN / 8);
          tanh(IN, OUT, bulk >> 2);
          a.set(t.f64.subarray(OUT / 8, OUT / 8 + bulk), start);
        }
        for (let i = start + bulk; i < start + len; i++) a[i] = tanhScalar(u[i]!);
      }
    },
    normals(state, out, start, count, std) {
      const { i32, f64 } = g;
      i32[STATE / 4] = state.a;
      i32[STATE / 4 + 1] = state.b;
      i32[STATE / 4 + 2] = state.c;
      i32[STATE / 4 + 3] = state.d;
      for (let done = 0; done < count; done += CHUNK) {
        const len = Math.min(CHUNK, count - done);
        normals(STATE, OUT, len >> 2, std);
        out.set(f64.subarray(OUT / 8, OUT / 8 + len), start + done);
      }
      state.a = i32[STATE / 4]!;
      state.b = i32[STATE / 4 + 1]!;
      state.c = i32[STATE / 4 + 2]!;
      state.d = i32[STATE / 4 + 3]!;
    },
  };
}

let wasm: ElementwiseKernel | null | undefined;
let useWasm = true;

/** The wasm SIMD kernels, or null where they are unavailable (or switched off by setElementwiseKernel). */
export function elementwiseKernel(): ElementwiseKernel | null {
  if (!useWasm) return null;
  if (wasm === undefined) wasm = createWasmElementwise();
  return wasm;
}

/** "wasm" (throws where unavailable), "js" (the scalar ports) or "auto"; both give the same bits — for tests and benchmarks. */
export function setElementwiseKernel(kind: "wasm" | "js" | "auto"): void {
  useWasm = kind !== "js";
  if (kind === "wasm" && !elementwiseKernel()) throw new Error("WebAssembly SIMD is not available in this runtime");
}
