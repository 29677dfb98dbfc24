;; Dense kernels in WebAssembly SIMD (128-bit, f32x4), the fast path of
;; src/core/kernels/types.ts. Matrices are row-major float32; every pointer
;; is a byte address in the imported memory. Each layout has its own block
;; ("tile") of C held in twelve v128 accumulators (eight for the narrower
;; tiles), shaped so that every operand it streams is contiguous:
;;   gemm_nt  C = A·Bᵀ (+bias)  dot products along k: 6×2 (then 4×2) blocks
;;   gemm_nn  C = A·B           A[i,p] broadcast over B's row p: 6×8, 4×8, 1×8
;;   gemm_tn  C = Aᵀ·B          A[p,i] broadcast over B's row p: 6×8, 4×8, 1×8
;; Twelve independent accumulators keep both FMA pipes busy through their
;; latency (eight do not); more would not fit V8's 15 usable xmm registers.
;; Values no block covers go through scalar loops. relu runs on gemm_nt's
;; output while it is still in cache.
;; Assembled by scripts/build-wasm.mjs (wabt) into kernels-binary.ts, once
;; as written and once with every multiply-add of the tiles fused
;; (relaxed SIMD): keep them spelled (f32x4.add acc (f32x4.mul x y)).
(module
  (import "env" "memory" (memory 1))

  ;; Sum of the four lanes.
  (func $hsum (param $v v128) (result f32)
    (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $v)) (f32x4.extract_lane 1 (local.get $v)))
      (f32.add (f32x4.extract_lane 2 (local.get $v)) (f32x4.extract_lane 3 (local.get $v)))))

  ;; Σ_p x[p]·y[p] over k contiguous floats.
  (func $dot (param $x i32) (param $y i32) (param $k i32) (result f32)
    (local $acc v128) (local $sum f32) (local $off i32) (local $end4 i32) (local $end i32)
    (local.set $end (i32.shl (local.get $k) (i32.const 2)))
    (local.set $end4 (i32.and (local.get $end) (i32.const -16)))
    (block $done
      (loop $vec
        (br_if $done (i32.ge_u (local.get $off) (local.get $end4)))
        (local.set $acc
          (f32x4.add (local.get $acc)
            (f32x4.mul
              (v128.load (i32.add (local.get $x) (local.get $off)))
              (v128.load (i32.add (local.get $y) (local.get $off))))))
        (local.set $off (i32.add (local.get $off) (i32.const 16)))
        (br $vec)))
    (local.set $sum (call $hsum (local.get $acc)))
    (block $tail_done
      (loop $tail
        (br_if $tail_done (i32.ge_u (local.get $off) (local.get $end)))
        (local.set $sum
          (f32.add (local.get $sum)
            (f32.mul
              (f32.load (i32.add (local.get $x) (local.get $off)))
              (f32.load (i32.add (local.get $y) (local.get $off))))))
        (local.set $off (i32.add (local.get $off) (i32.const 4)))
        (br $tail)))
    (local.get $sum))

  ;; A 6×2 block of C = A·Bᵀ: rows a, a+kb, … of A against rows b, b+kb of B, k = kb/4;
  ;; c is &C[i][j], rows nb bytes apart; bias is &bias[j] or 0.
  (func $nt_6x2 (param $a i32) (param $b i32) (param $c i32) (param $kb i32) (param $nb i32) (param $bias i32)
    (local $off i32) (local $end4 i32) (local $b1 i32) (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32) (local $a4 i32) (local $a5 i32)
    (local $x v128) (local $y0 v128) (local $y1 v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128) (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128) (local $c40 v128) (local $c41 v128) (local $c50 v128) (local $c51 v128)
    (local $s00 f32) (local $s01 f32) (local $s10 f32) (local $s11 f32) (local $s20 f32) (local $s21 f32) (local $s30 f32) (local $s31 f32) (local $s40 f32) (local $s41 f32) (local $s50 f32) (local $s51 f32)
    (local $xs f32) (local $ys0 f32) (local $ys1 f32) (local $d0 f32) (local $d1 f32)
    (local.set $a0 (local.get $a))
    (local.set $a1 (i32.add (local.get $a0) (local.get $kb)))
    (local.set $a2 (i32.add (local.get $a1) (local.get $kb)))
    (local.set $a3 (i32.add (local.get $a2) (local.get $kb)))
    (local.set $a4 (i32.add (local.get $a3) (local.get $kb)))
    (local.set $a5 (i32.add (local.get $a4) (local.get $kb)))
    (local.set $b1 (i32.add (local.get $b) (local.get $kb)))
    (local.set $end4 (i32.and (local.get $kb) (i32.const -16)))
    (block $k_done
      (loop $k_loop
        (br_if $k_done (i32.ge_u (local.get $off) (local.get $end4)))
        (local.set $y0 (v128.load (i32.add (local.get $b) (local.get $off))))
        (local.set $y1 (v128.load (i32.add (local.get $b1) (local.get $off))))
        (local.set $x (v128.load (i32.add (local.get $a0) (local.get $off))))
        (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $x) (local.get $y0))))
        (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $x) (local.get $y1))))
        (local.set $x (v128.load (i32.add (local.get $a1) (local.get $off))))
        (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $x) (local.get $y0))))
        (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $x) (local.get $y1))))
        (local.set $x (v128.load (i32.add (local.get $a2) (local.get $off))))
        (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $x) (local.get $y0))))
        (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $x) (local.get $y1))))
        (local.set $x (v128.load (i32.add (local.get $a3) (local.get $off))))
        (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $x) (local.get $y0))))
        (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $x) (local.get $y1))))
        (local.set $x (v128.load (i32.add (local.get $a4) (local.get $off))))
        (local.set $c40 (f32x4.add (local.get $c40) (f32x4.mul (local.get $x) (local.get $y0))))
        (local.set $c41 (f32x4.add (local.get $c41) (f32x4.mul (local.get $x) (local.get $y1))))
        (local.set $x (v128.load (i32.add (local.get $a5) (local.get $off))))
        (local.set $c50 (f32x4.add (local.get $c50) (f32x4.mul (local.get $x) (local.get $y0))))
        (local.set $c51 (f32x4.add (local.get $c51) (f32x4.mul (local.get $x) (local.get $y1))))
        (local.set $off (i32.add (local.get $off) (i32.const 16)))
        (br $k_loop)))
    (local.set $s00 (call $hsum (local.get $c00))) (local.set $s01 (call $hsum (local.get $c01)))
    (local.set $s10 (call $hsum (local.get $c10))) (local.set $s11 (call $hsum (local.get $c11)))
    (local.set $s20 (call $hsum (local.get $c20))) (local.set $s21 (call $hsum (local.get $c21)))
    (local.set $s30 (call $hsum (local.get $c30))) (local.set $s31 (call $hsum (local.get $c31)))
    (local.set $s40 (call $hsum (local.get $c40))) (local.set $s41 (call $hsum (local.get $c41)))
    (local.set $s50 (call $hsum (local.get $c50))) (local.set $s51 (call $hsum (local.get $c51)))
    ;; the k mod 4 terms the vector loop left
    (block $tail_done
      (loop $tail
        (br_if $tail_done (i32.ge_u (local.get $off) (local.get $kb)))
        (local.set $ys0 (f32.load (i32.add (local.get $b) (local.get $off))))
        (local.set $ys1 (f32.load (i32.add (local.get $b1) (local.get $off))))
        (local.set $xs (f32.load (i32.add (local.get $a0) (local.get $off))))
        (local.set $s00 (f32.add (local.get $s00) (f32.mul (local.get $xs) (local.get $ys0))))
        (local.set $s01 (f32.add (local.get $s01) (f32.mul (local.get $xs) (local.get $ys1))))
        (local.set $xs (f32.load (i32.add (local.get $a1) (local.get $off))))
        (local.set $s10 (f32.add (local.get $s10) (f32.mul (local.get $xs) (local.get $ys0))))
        (local.set $s11 (f32.add (local.get $s11) (f32.mul (local.get $xs) (local.get $ys1))))
        (local.set $xs (f32.load (i32.add (local.get $a2) (local.get $off))))
        (local.set $s20 (f32.add (local.get $s20) (f32.mul (local.get $xs) (local.get $ys0))))
        (local.set $s21 (f32.add (local.get $s21) (f32.mul (local.get $xs) (local.get $ys1))))
        (local.set $xs (f32.load (i32.add (local.get $a3) (local.get $off))))
        (local.set $s30 (f32.add (local.get $s30) (f32.mul (local.get $xs) (local.get $ys0))))
        (local.set $s31 (f32.add (local.get $s31) (f32.mul (local.get $xs) (local.get $ys1))))
        (local.set $xs (f32.load (i32.add (local.get $a4) (local.get $off))))
        (local.set $s40 (f32.add (local.get $s40) (f32.mul (local.get $xs) (local.get $ys0))))
        (local.set $s41 (f32.add (local.get $s41) (f32.mul (local.get $xs) (local.get $ys1))))
        (local.set $xs (f32.load (i32.add (local.get $a5) (local.get $off))))
        (local.set $s50 (f32.add (local.get $s50) (f32.mul (local.get $xs) (local.get $ys0))))
        (local.set $s51 (f32.add (local.get $s51) (f32.mul (local.get $xs) (local.get $ys1))))
        (local.set $off (i32.add (local.get $off) (i32.const 4)))
        (br $tail)))
    (if (local.get $bias)
      (then (local.set $d0 (f32.load (local.get $bias))) (local.set $d1 (f32.load offset=4 (local.get $bias)))))
    (f32.store (local.get $c) (f32.add (local.get $s00) (local.get $d0)))
    (f32.store offset=4 (local.get $c) (f32.add (local.get $s01) (local.get $d1)))
    (local.set $c (i32.add (local.get $c) (local.get $nb)))
    (f32.store (local.get $c) (f32.add (local.get $s10) (local.get $d0)))
    (f32.store offset=4 (local.get $c) (f32.add (local.get $s11) (local.get $d1)))
    (local.set $c (i32.add (local.get $c) (local.get $nb)))
    (f32.store (local.get $c) (f32.add (local.get $s20) (local.get $d0)))
    (f32.store offset=4 (local.get $c) (f32.add (local.get $s21) (local.get $d1)))
    (local.set $c (i32.add (local.get $c) (local.get $nb)))
    (f32.store (local.get $c) (f32.add (local.get $s30) (local.get $d0)))
    (f32.store offset=4 (local.get $c) (f32.add (local.get $s31) (local.get $d1)))
    (local.set $c (i32.add (local.get $c) (local.get $nb)))
    (f32.store (local.get $c) (f32.add (local.get $s40) (local.get $d0)))
    (f32.store offset=4 (local.get $c) (f32.add (local.get $s41) (local.get $d1)))
    (local.set $c (i32.add (local.get $c) (local.get $nb)))
    (f32.store (local.get $c) (f32.add (local.get $s50) (local.get $d0)))
    (f32.store offset=4 (local.get $c) (f32.add (local.get $s51) (local.get $d1))))

  ;; A 4×2 block of C = A·Bᵀ: rows a, a+kb, … of A against rows b, b+kb of B, k = kb/4;
  ;; c is &C[i][j], rows nb bytes apart; bias is &bias[j] or 0.
  (func $nt_4x2 (param $a i32) (param $b i32) (param $c i32) (param $kb i32) (param $nb i32) (param $bias i32)
    (local $off i32) (local $end4 i32) (local $b1 i32) (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32)
    (local $x v128) (local $y0 v128) (local $y1 v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128) (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $s00 f32) (local $s01 f32) (local $s10 f32) (local $s11 f32) (local $s20 f32) (local $s21 f32) (local $s30 f32) (local $s31 f32)
    (local $xs f32) (local $ys0 f32) (local $ys1 f32) (local $d0 f32) (local $d1 f32)
    (local.set $a0 (local.get $a))
    (local.set $a1 (i32.add (local.get $a0) (local.get $kb)))
    (local.set $a2 (i32.add (local.get $a1) (local.get $kb)))
    (local.set $a3 (i32.add (local.get $a2) (local.get $kb)))
    (local.set $b1 (i32.add (local.get $b) (local.get $kb)))
    (local.set $end4 (i32.and (local.get $kb) (i32.const -16)))
    (block $k_done
      (loop $k_loop
        (br_if $k_done (i32.ge_u (local.get $off) (local.get $end4)))
        (local.set $y0 (v128.load (i32.add (local.get $b) (local.get $off))))
        (local.set $y1 (v128.load (i32.add (local.get $b1) (local.get $off))))
        (local.set $x (v128.load (i32.add (local.get $a0) (local.get $off))))
        (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $x) (local.get $y0))))
        (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $x) (local.get $y1))))
        (local.set $x (v128.load (i32.add (local.get $a1) (local.get $off))))
        (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $x) (local.get $y0))))
        (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $x) (local.get $y1))))
        (local.set $x (v128.load (i32.add (local.get $a2) (local.get $off))))
        (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $x) (local.get $y0))))
        (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $x) (local.get $y1))))
        (local.set $x (v128.load (i32.add (local.get $a3) (local.get $off))))
        (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $x) (local.get $y0))))
        (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $x) (local.get $y1))))
        (local.set $off (i32.add (local.get $off) (i32.const 16)))
        (br $k_loop)))
    (local.set $s00 (call $hsum (local.get $c00))) (local.set $s01 (call $hsum (local.get $c01)))
    (local.set $s10 (call $hsum (local.get $c10))) (local.set $s11 (call $hsum (local.get $c11)))
    (local.set $s20 (call $hsum (local.get $c20))) (local.set $s21 (call $hsum (local.get $c21)))
    (local.set $s30 (call $hsum (local.get $c30))) (local.set $s31 (call $hsum (local.get $c31)))
    ;; the k mod 4 terms the vector loop left
    (block $tail_done
      (loop $tail
        (br_if $tail_done (i32.ge_u (local.get $off) (local.get $kb)))
        (local.set $ys0 (f32.load (i32.add (local.get $b) (local.get $off))))
        (local.set $ys1 (f32.load (i32.add (local.get $b1) (local.get $off))))
        (local.set $xs (f32.load (i32.add (local.get $a0) (local.get $off))))
        (local.set $s00 (f32.add (local.get $s00) (f32.mul (local.get $xs) (local.get $ys0))))
        (local.set $s01 (f32.add (local.get $s01) (f32.mul (local.get $xs) (local.get $ys1))))
        (local.set $xs (f32.load (i32.add (local.get $a1) (local.get $off))))
        (local.set $s10 (f32.add (local.get $s10) (f32.mul (local.get $xs) (local.get $ys0))))
        (local.set $s11 (f32.add (local.get $s11) (f32.mul (local.get $xs) (local.get $ys1))))
        (local.set $xs (f32.load (i32.add (local.get $a2) (local.get $off))))
        (local.set $s20 (f32.add (local.get $s20) (f32.mul (local.get $xs) (local.get $ys0))))
        (local.set $s21 (f32.add (local.get $s21) (f32.mul (local.get $xs) (local.get $ys1))))
        (local.set $xs (f32.load (i32.add (local.get $a3) (local.get $off))))
        (local.set $s30 (f32.add (local.get $s30) (f32.mul (local.get $xs) (local.get $ys0))))
        (local.set $s31 (f32.add (local.get $s31) (f32.mul (local.get $xs) (local.get $ys1))))
        (local.set $off (i32.add (local.get $off) (i32.const 4)))
        (br $tail)))
    (if (local.get $bias)
      (then (local.set $d0 (f32.load (local.get $bias))) (local.set $d1 (f32.load offset=4 (local.get $bias)))))
    (f32.store (local.get $c) (f32.add (local.get $s00) (local.get $d0)))
    (f32.store offset=4 (local.get $c) (f32.add (local.get $s01) (local.get $d1)))
    (local.set $c (i32.add (local.get $c) (local.get $nb)))
    (f32.store (local.get $c) (f32.add (local.get $s10) (local.get $d0)))
    (f32.store offset=4 (local.get $c) (f32.add (local.get $s11) (local.get $d1)))
    (local.set $c (i32.add (local.get $c) (local.get $nb)))
    (f32.store (local.get $c) (f32.add (local.get $s20) (local.get $d0)))
    (f32.store offset=4 (local.get $c) (f32.add (local.get $s21) (local.get $d1)))
    (local.set $c (i32.add (local.get $c) (local.get $nb)))
    (f32.store (local.get $c) (f32.add (local.get $s30) (local.get $d0)))
    (f32.store offset=4 (local.get $c) (f32.add (local.get $s31) (local.get $d1))))

  ;; A 6×8 block of C = A·B: a is &A[i][0] (rows kb bytes apart), b is &B[0][j] (rows nb
  ;; bytes apart), c is &C[i][j]: A[i+r][p] broadcast over B[p][j..j+7].
  (func $nn_6x8 (param $a i32) (param $b i32) (param $c i32) (param $kb i32) (param $nb i32)
    (local $off i32) (local $a1 i32) (local $a2 i32) (local $a3 i32) (local $a4 i32) (local $a5 i32)
    (local $x v128) (local $y0 v128) (local $y1 v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128) (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128) (local $c40 v128) (local $c41 v128) (local $c50 v128) (local $c51 v128)
    (local.set $a1 (i32.add (local.get $a) (local.get $kb)))
    (local.set $a2 (i32.add (local.get $a1) (local.get $kb)))
    (local.set $a3 (i32.add (local.get $a2) (local.get $kb)))
    (local.set $a4 (i32.add (local.get $a3) (local.get $kb)))
    (local.set $a5 (i32.add (local.get $a4) (local.get $kb)))
    (block $k_done
      (loop $k_loop
        (br_if $k_done (i32.ge_u (local.get $off) (local.get $kb)))
        (local.set $y0 (v128.load (local.get $b)))
        (local.set $y1 (v128.load offset=16 (local.get $b)))
        (local.set $x (v128.load32_splat (i32.add (local.get $a) (local.get $off))))
        (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $x) (local.get $y0))))
        (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $x) (local.get $y1))))
        (local.set $x (v128.load32_splat (i32.add (local.get $a1) (local.get $off))))
        (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $x) (local.get $y0))))
        (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $x) (local.get $y1))))
        (local.set $x (v128.load32_splat (i32.add (local.get $a2) (local.get $off))))
        (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $x) (local.get $y0))))
        (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $x) (local.get $y1))))
        (local.set $x (v128.load32_splat (i32.add (local.get $a3) (local.get $off))))
        (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $x) (local.get $y0))))
        (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $x) (local.get $y1))))
        (local.set $x (v128.load32_splat (i32.add (local.get $a4) (local.get $off))))
        (local.set $c40 (f32x4.add (local.get $c40) (f32x4.mul (local.get $x) (local.get $y0))))
        (local.set $c41 (f32x4.add (local.get $c41) (f32x4.mul (local.get $x) (local.get $y1))))
        (local.set $x (v128.load32_splat (i32.add (local.get $a5) (local.get $off))))
        (local.set $c50 (f32x4.add (local.get $c50) (f32x4.mul (local.get $x) (local.get $y0))))
        (local.set $c51 (f32x4.add (local.get $c51) (f32x4.mul (local.get $x) (local.get $y1))))
        (local.set $b (i32.add (local.get $b) (local.get $nb)))
        (local.set $off (i32.add (local.get $off) (i32.const 4)))
        (br $k_loop)))
    (v128.store (local.get $c) (local.get $c00))
    (v128.store offset=16 (local.get $c) (local.get $c01))
    (local.set $c (i32.add (local.get $c) (local.get $nb)))
    (v128.store (local.get $c) (local.get $c10))
    (v128.store offset=16 (local.get $c) (local.get $c11))
    (local.set $c (i32.add (local.get $c) (local.get $nb)))
    (v128.store (local.get $c) (local.get $c20))
    (v128.store offset=16 (local.get $c) (local.get $c21))
    (local.set $c (i32.add (local.get $c) (local.get $nb)))
    (v128.store (local.get $c) (local.get $c30))
    (v128.store offset=16 (local.get $c) (local.get $c31))
    (local.set $c (i32.add (local.get $c) (local.get $nb)))
    (v128.store (local.get $c) (local.get $c40))
    (v128.store offset=16 (local.get $c) (local.get $c41))
    (local.set $c (i32.add (local.get $c) (local.get $nb)))
    (v128.store (local.get $c) (local.get $c50))
    (v128.store offset=16 (local.get $c) (local.get $c51)))

  ;; A 4×8 block of C = A·B: a is &A[i][0] (rows kb bytes apart), b is &B[0][j] (rows nb
  ;; bytes apart), c is &C[i][j]: A[i+r][p] broadcast over B[p][j..j+7].
  (func $nn_4x8 (param $a i32) (param $b i32) (param $c i32) (param $kb i32) (param $nb i32)
    (local $off i32) (local $a1 i32) (local $a2 i32) (local $a3 i32)
    (local $x v128) (local $y0 v128) (local $y1 v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128) (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local.set $a1 (i32.add (local.get $a) (local.get $kb)))
    (local.set $a2 (i32.add (local.get $a1) (local.get $kb)))
    (local.set $a3 (i32.add (local.get $a2) (local.get $kb)))
    (block $k_done
      (loop $k_loop
        (br_if $k_done (i32.ge_u (local.get $off) (local.get $kb)))
        (local.set $y0 (v128.load (local.get $b)))
        (local.set $y1 (v128.load offset=16 (local.get $b)))
        (local.set $x (v128.load32_splat (i32.add (local.get $a) (local.get $off))))
        (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $x) (local.get $y0))))
        (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $x) (local.get $y1))))
        (local.set $x (v128.load32_splat (i32.add (local.get $a1) (local.get $off))))
        (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $x) (local.get $y0))))
        (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $x) (local.get $y1))))
        (local.set $x (v128.load32_splat (i32.add (local.get $a2) (local.get $off))))
        (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $x) (local.get $y0))))
        (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $x) (local.get $y1))))
        (local.set $x (v128.load32_splat (i32.add (local.get $a3) (local.get $off))))
        (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $x) (local.get $y0))))
        (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $x) (local.get $y1))))
        (local.set $b (i32.add (local.get $b) (local.get $nb)))
        (local.set $off (i32.add (local.get $off) (i32.const 4)))
        (br $k_loop)))
    (v128.store (local.get $c) (local.get $c00))
    (v128.store offset=16 (local.get $c) (local.get $c01))
    (local.set $c (i32.add (local.get $c) (local.get $nb)))
    (v128.store (local.get $c) (local.get $c10))
    (v128.store offset=16 (local.get $c) (local.get $c11))
    (local.set $c (i32.add (local.get $c) (local.get $nb)))
    (v128.store (local.get $c) (local.get $c20))
    (v128.store offset=16 (local.get $c) (local.get $c21))
    (local.set $c (i32.add (local.get $c) (local.get $nb)))
    (v128.store (local.get $c) (local.get $c30))
    (v128.store offset=16 (local.get $c) (local.get $c31)))

  ;; A 1×8 block of C = A·B: a is &A[i][0] (rows kb bytes apart), b is &B[0][j] (rows nb
  ;; bytes apart), c is &C[i][j]: A[i+r][p] broadcast over B[p][j..j+7].
  (func $nn_1x8 (param $a i32) (param $b i32) (param $c i32) (param $kb i32) (param $nb i32)
    (local $off i32) 
    (local $x v128) (local $y0 v128) (local $y1 v128)
    (local $c00 v128) (local $c01 v128)
    (block $k_done
      (loop $k_loop
        (br_if $k_done (i32.ge_u (local.get $off) (local.get $kb)))
        (local.set $y0 (v128.load (local.get $b)))
        (local.set $y1 (v128.load offset=16 (local.get $b)))
        (local.set $x (v128.load32_splat (i32.add (local.get $a) (local.get $off))))
        (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $x) (local.get $y0))))
        (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $x) (local.get $y1))))
        (local.set $b (i32.add (local.get $b) (local.get $nb)))
        (local.set $off (i32.add (local.get $off) (i32.const 4)))
        (br $k_loop)))
    (v128.store (local.get $c) (local.get $c00))
    (v128.store offset=16 (local.get $c) (local.get $c01)))

  ;; A 6×8 block of C = Aᵀ·B: a is &A[0][i], b is &B[0][j], c is &C[i][j];
  ;; each of the k rows of A and B (mb and nb bytes long) adds an outer product.
  (func $tn_6x8 (param $a i32) (param $b i32) (param $c i32) (param $k i32) (param $mb i32) (param $nb i32)
    (local $p i32)
    (local $x v128) (local $y0 v128) (local $y1 v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128) (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128) (local $c40 v128) (local $c41 v128) (local $c50 v128) (local $c51 v128)
    (block $k_done
      (loop $k_loop
        (br_if $k_done (i32.ge_u (local.get $p) (local.get $k)))
        (local.set $y0 (v128.load (local.get $b)))
        (local.set $y1 (v128.load offset=16 (local.get $b)))
        (local.set $x (v128.load32_splat (local.get $a)))
        (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $x) (local.get $y0))))
        (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $x) (local.get $y1))))
        (local.set $x (v128.load32_splat offset=4 (local.get $a)))
        (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $x) (local.get $y0))))
        (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $x) (local.get $y1))))
        (local.set $x (v128.load32_splat offset=8 (local.get $a)))
        (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $x) (local.get $y0))))
        (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $x) (local.get $y1))))
        (local.set $x (v128.load32_splat offset=12 (local.get $a)))
        (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $x) (local.get $y0))))
        (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $x) (local.get $y1))))
        (local.set $x (v128.load32_splat offset=16 (local.get $a)))
        (local.set $c40 (f32x4.add (local.get $c40) (f32x4.mul (local.get $x) (local.get $y0))))
        (local.set $c41 (f32x4.add (local.get $c41) (f32x4.mul (local.get $x) (local.get $y1))))
        (local.set $x (v128.load32_splat offset=20 (local.get $a)))
        (local.set $c50 (f32x4.add (local.get $c50) (f32x4.mul (local.get $x) (local.get $y0))))
        (local.set $c51 (f32x4.add (local.get $c51) (f32x4.mul (local.get $x) (local.get $y1))))
        (local.set $a (i32.add (local.get $a) (local.get $mb)))
        (local.set $b (i32.add (local.get $b) (local.get $nb)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $k_loop)))
    (v128.store (local.get $c) (local.get $c00))
    (v128.store offset=16 (local.get $c) (local.get $c01))
    (local.set $c (i32.add (local.get $c) (local.get $nb)))
    (v128.store (local.get $c) (local.get $c10))
    (v128.store offset=16 (local.get $c) (local.get $c11))
    (local.set $c (i32.add (local.get $c) (local.get $nb)))
    (v128.store (local.get $c) (local.get $c20))
    (v128.store offset=16 (local.get $c) (local.get $c21))
    (local.set $c (i32.add (local.get $c) (local.get $nb)))
    (v128.store (local.get $c) (local.get $c30))
    (v128.store offset=16 (local.get $c) (local.get $c31))
    (local.set $c (i32.add (local.get $c) (local.get $nb)))
    (v128.store (local.get $c) (local.get $c40))
    (v128.store offset=16 (local.get $c) (local.get $c41))
    (local.set $c (i32.add (local.get $c) (local.get $nb)))
    (v128.store (local.get $c) (local.get $c50))
    (v128.store offset=16 (local.get $c) (local.get $c51)))

  ;; A 4×8 block of C = Aᵀ·B: a is &A[0][i], b is &B[0][j], c is &C[i][j];
  ;; each of the k rows of A and B (mb and nb bytes long) adds an outer product.
  (func $tn_4x8 (param $a i32) (param $b i32) (param $c i32) (param $k i32) (param $mb i32) (param $nb i32)
    (local $p i32)
    (local $x v128) (local $y0 v128) (local $y1 v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128) (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (block $k_done
      (loop $k_loop
        (br_if $k_done (i32.ge_u (local.get $p) (local.get $k)))
        (local.set $y0 (v128.load (local.get $b)))
        (local.set $y1 (v128.load offset=16 (local.get $b)))
        (local.set $x (v128.load32_splat (local.get $a)))
        (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $x) (local.get $y0))))
        (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $x) (local.get $y1))))
        (local.set $x (v128.load32_splat offset=4 (local.get $a)))
        (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $x) (local.get $y0))))
        (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $x) (local.get $y1))))
        (local.set $x (v128.load32_splat offset=8 (local.get $a)))
        (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $x) (local.get $y0))))
        (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $x) (local.get $y1))))
        (local.set $x (v128.load32_splat offset=12 (local.get $a)))
        (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $x) (local.get $y0))))
        (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $x) (local.get $y1))))
        (local.set $a (i32.add (local.get $a) (local.get $mb)))
        (local.set $b (i32.add (local.get $b) (local.get $nb)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $k_loop)))
    (v128.store (local.get $c) (local.get $c00))
    (v128.store offset=16 (local.get $c) (local.get $c01))
    (local.set $c (i32.add (local.get $c) (local.get $nb)))
    (v128.store (local.get $c) (local.get $c10))
    (v128.store offset=16 (local.get $c) (local.get $c11))
    (local.set $c (i32.add (local.get $c) (local.get $nb)))
    (v128.store (local.get $c) (local.get $c20))
    (v128.store offset=16 (local.get $c) (local.get $c21))
    (local.set $c (i32.add (local.get $c) (local.get $nb)))
    (v128.store (local.get $c) (local.get $c30))
    (v128.store offset=16 (local.get $c) (local.get $c31)))

  ;; A 1×8 block of C = Aᵀ·B: a is &A[0][i], b is &B[0][j], c is &C[i][j];
  ;; each of the k rows of A and B (mb and nb bytes long) adds an outer product.
  (func $tn_1x8 (param $a i32) (param $b i32) (param $c i32) (param $k i32) (param $mb i32) (param $nb i32)
    (local $p i32)
    (local $x v128) (local $y0 v128) (local $y1 v128)
    (local $c00 v128) (local $c01 v128)
    (block $k_done
      (loop $k_loop
        (br_if $k_done (i32.ge_u (local.get $p) (local.get $k)))
        (local.set $y0 (v128.load (local.get $b)))
        (local.set $y1 (v128.load offset=16 (local.get $b)))
        (local.set $x (v128.load32_splat (local.get $a)))
        (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $x) (local.get $y0))))
        (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $x) (local.get $y1))))
        (local.set $a (i32.add (local.get $a) (local.get $mb)))
        (local.set $b (i32.add (local.get $b) (local.get $nb)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $k_loop)))
    (v128.store (local.get $c) (local.get $c00))
    (v128.store offset=16 (local.get $c) (local.get $c01)))

  ;; C[m×n] = A[m×k] · B[n×k]ᵀ, plus bias[n] on every row when $bias ≠ 0.
  (func (export "gemm_nt")
    (param $m i32) (param $n i32) (param $k i32)
    (param $a i32) (param $b i32) (param $c i32) (param $bias i32)
    (local $i i32) (local $j i32) (local $n2 i32) (local $kb i32) (local $nb i32) (local $tiled i32) (local $sum f32)
    (local.set $n2 (i32.and (local.get $n) (i32.const -2)))
    (local.set $kb (i32.shl (local.get $k) (i32.const 2)))
    (local.set $nb (i32.shl (local.get $n) (i32.const 2)))
    ;; blocks of 6 rows
    (block $six_done
      (loop $six
        (br_if $six_done (i32.gt_u (i32.add (local.get $i) (i32.const 6)) (local.get $m)))
        (local.set $j (i32.const 0))
        (block $six_cols_done
          (loop $six_cols
            (br_if $six_cols_done (i32.ge_u (local.get $j) (local.get $n2)))
            (call $nt_6x2 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $kb))) (i32.add (local.get $b) (i32.mul (local.get $j) (local.get $kb))) (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 2))) (local.get $kb) (local.get $nb) (select (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2))) (i32.const 0) (local.get $bias)))
            (local.set $j (i32.add (local.get $j) (i32.const 2)))
            (br $six_cols)))
        (local.set $i (i32.add (local.get $i) (i32.const 6)))
        (br $six)))
    ;; blocks of 4 rows
    (block $four_done
      (loop $four
        (br_if $four_done (i32.gt_u (i32.add (local.get $i) (i32.const 4)) (local.get $m)))
        (local.set $j (i32.const 0))
        (block $four_cols_done
          (loop $four_cols
            (br_if $four_cols_done (i32.ge_u (local.get $j) (local.get $n2)))
            (call $nt_4x2 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $kb))) (i32.add (local.get $b) (i32.mul (local.get $j) (local.get $kb))) (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 2))) (local.get $kb) (local.get $nb) (select (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2))) (i32.const 0) (local.get $bias)))
            (local.set $j (i32.add (local.get $j) (i32.const 2)))
            (br $four_cols)))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $four)))
    ;; Leftovers, one value at a time: the last columns of the blocked rows, then the rows no block covered.
    (local.set $tiled (local.get $i))
    (local.set $i (i32.const 0))
    (block $edge_rows_done
      (loop $edge_rows
        (br_if $edge_rows_done (i32.ge_u (local.get $i) (local.get $m)))
        (local.set $j (select (local.get $n2) (i32.const 0) (i32.lt_u (local.get $i) (local.get $tiled))))
        (block $edge_cols_done
          (loop $edge_cols
            (br_if $edge_cols_done (i32.ge_u (local.get $j) (local.get $n)))
            (local.set $sum
              (call $dot
                (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $kb)))
                (i32.add (local.get $b) (i32.mul (local.get $j) (local.get $kb)))
                (local.get $k)))
            (if (local.get $bias)
              (then (local.set $sum (f32.add (local.get $sum) (f32.load (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2))))))))
            (f32.store (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 2))) (local.get $sum))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $edge_cols)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $edge_rows))))

  ;; C[m×n] = A[m×k] · B[k×n].
  (func (export "gemm_nn")
    (param $m i32) (param $n i32) (param $k i32)
    (param $a i32) (param $b i32) (param $c i32)
    (local $i i32) (local $j i32) (local $p i32) (local $n8 i32) (local $kb i32) (local $nb i32) (local $tiled i32)
    (local $ap i32) (local $bp i32) (local $sum f32)
    (local.set $n8 (i32.and (local.get $n) (i32.const -8)))
    (local.set $kb (i32.shl (local.get $k) (i32.const 2)))
    (local.set $nb (i32.shl (local.get $n) (i32.const 2)))
    ;; blocks of 6 rows
    (block $six_done
      (loop $six
        (br_if $six_done (i32.gt_u (i32.add (local.get $i) (i32.const 6)) (local.get $m)))
        (local.set $j (i32.const 0))
        (block $six_cols_done
          (loop $six_cols
            (br_if $six_cols_done (i32.ge_u (local.get $j) (local.get $n8)))
            (call $nn_6x8 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $kb))) (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))) (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 2))) (local.get $kb) (local.get $nb))
            (local.set $j (i32.add (local.get $j) (i32.const 8)))
            (br $six_cols)))
        (local.set $i (i32.add (local.get $i) (i32.const 6)))
        (br $six)))
    ;; blocks of 4 rows
    (block $four_done
      (loop $four
        (br_if $four_done (i32.gt_u (i32.add (local.get $i) (i32.const 4)) (local.get $m)))
        (local.set $j (i32.const 0))
        (block $four_cols_done
          (loop $four_cols
            (br_if $four_cols_done (i32.ge_u (local.get $j) (local.get $n8)))
            (call $nn_4x8 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $kb))) (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))) (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 2))) (local.get $kb) (local.get $nb))
            (local.set $j (i32.add (local.get $j) (i32.const 8)))
            (br $four_cols)))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $four)))
    ;; blocks of 1 rows
    (block $one_done
      (loop $one
        (br_if $one_done (i32.gt_u (i32.add (local.get $i) (i32.const 1)) (local.get $m)))
        (local.set $j (i32.const 0))
        (block $one_cols_done
          (loop $one_cols
            (br_if $one_cols_done (i32.ge_u (local.get $j) (local.get $n8)))
            (call $nn_1x8 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $kb))) (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))) (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 2))) (local.get $kb) (local.get $nb))
            (local.set $j (i32.add (local.get $j) (i32.const 8)))
            (br $one_cols)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $one)))
    ;; Leftovers, one value at a time: the last columns of the blocked rows, then the rows no block covered.
    (local.set $tiled (local.get $i))
    (local.set $i (i32.const 0))
    (block $edge_rows_done
      (loop $edge_rows
        (br_if $edge_rows_done (i32.ge_u (local.get $i) (local.get $m)))
        (local.set $j (select (local.get $n8) (i32.const 0) (i32.lt_u (local.get $i) (local.get $tiled))))
        (block $edge_cols_done
          (loop $edge_cols
            (br_if $edge_cols_done (i32.ge_u (local.get $j) (local.get $n)))
            (local.set $sum (f32.const 0))
            (local.set $ap (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $kb))))
            (local.set $bp (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))
            (local.set $p (i32.const 0))
            (block $k_done
              (loop $k_loop
                (br_if $k_done (i32.ge_u (local.get $p) (local.get $k)))
                (local.set $sum (f32.add (local.get $sum) (f32.mul (f32.load (local.get $ap)) (f32.load (local.get $bp)))))
                (local.set $ap (i32.add (local.get $ap) (i32.const 4)))
                (local.set $bp (i32.add (local.get $bp) (local.get $nb)))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br $k_loop)))
            (f32.store (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 2))) (local.get $sum))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $edge_cols)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $edge_rows))))

  ;; C[m×n] = A[k×lda]ᵀ · B[k×n], A's first m columns (lda = m for a whole product).
  (func (export "gemm_tn")
    (param $m i32) (param $n i32) (param $k i32)
    (param $a i32) (param $b i32) (param $c i32) (param $lda i32)
    (local $i i32) (local $j i32) (local $p i32) (local $n8 i32) (local $mb i32) (local $nb i32) (local $tiled i32)
    (local $ap i32) (local $bp i32) (local $sum f32)
    (local.set $n8 (i32.and (local.get $n) (i32.const -8)))
    ;; A's rows hold lda floats (m for the whole product, more when a second
    ;; thread takes C's lower rows: their columns of A start further in).
    (local.set $mb (i32.shl (local.get $lda) (i32.const 2)))
    (local.set $nb (i32.shl (local.get $n) (i32.const 2)))
    ;; blocks of 6 rows
    (block $six_done
      (loop $six
        (br_if $six_done (i32.gt_u (i32.add (local.get $i) (i32.const 6)) (local.get $m)))
        (local.set $j (i32.const 0))
        (block $six_cols_done
          (loop $six_cols
            (br_if $six_cols_done (i32.ge_u (local.get $j) (local.get $n8)))
            (call $tn_6x8 (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 2))) (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))) (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 2))) (local.get $k) (local.get $mb) (local.get $nb))
            (local.set $j (i32.add (local.get $j) (i32.const 8)))
            (br $six_cols)))
        (local.set $i (i32.add (local.get $i) (i32.const 6)))
        (br $six)))
    ;; blocks of 4 rows
    (block $four_done
      (loop $four
        (br_if $four_done (i32.gt_u (i32.add (local.get $i) (i32.const 4)) (local.get $m)))
        (local.set $j (i32.const 0))
        (block $four_cols_done
          (loop $four_cols
            (br_if $four_cols_done (i32.ge_u (local.get $j) (local.get $n8)))
            (call $tn_4x8 (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 2))) (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))) (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 2))) (local.get $k) (local.get $mb) (local.get $nb))
            (local.set $j (i32.add (local.get $j) (i32.const 8)))
            (br $four_cols)))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $four)))
    ;; blocks of 1 rows
    (block $one_done
      (loop $one
        (br_if $one_done (i32.gt_u (i32.add (local.get $i) (i32.const 1)) (local.get $m)))
        (local.set $j (i32.const 0))
        (block $one_cols_done
          (loop $one_cols
            (br_if $one_cols_done (i32.ge_u (local.get $j) (local.get $n8)))
            (call $tn_1x8 (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 2))) (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))) (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 2))) (local.get $k) (local.get $mb) (local.get $nb))
            (local.set $j (i32.add (local.get $j) (i32.const 8)))
            (br $one_cols)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $one)))
    ;; Leftovers, one value at a time: the last columns of the blocked rows, then the rows no block covered.
    (local.set $tiled (local.get $i))
    (local.set $i (i32.const 0))
    (block $edge_rows_done
      (loop $edge_rows
        (br_if $edge_rows_done (i32.ge_u (local.get $i) (local.get $m)))
        (local.set $j (select (local.get $n8) (i32.const 0) (i32.lt_u (local.get $i) (local.get $tiled))))
        (block $edge_cols_done
          (loop $edge_cols
            (br_if $edge_cols_done (i32.ge_u (local.get $j) (local.get $n)))
            (local.set $sum (f32.const 0))
            (local.set $ap (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 2))))
            (local.set $bp (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))
            (local.set $p (i32.const 0))
            (block $k_done
              (loop $k_loop
                (br_if $k_done (i32.ge_u (local.get $p) (local.get $k)))
                (local.set $sum (f32.add (local.get $sum) (f32.mul (f32.load (local.get $ap)) (f32.load (local.get $bp)))))
                (local.set $ap (i32.add (local.get $ap) (local.get $mb)))
                (local.set $bp (i32.add (local.get $bp) (local.get $nb)))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br $k_loop)))
            (f32.store (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 2))) (local.get $sum))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $edge_cols)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $edge_rows))))

  ;; dst[i] = src[i] > 0 ? src[i] : 0 for i < count, as activations.ts has it:
  ;; NaN and -0 give +0. The comparison mask keeps x's bits or clears them.
  (func (export "relu") (param $src i32) (param $dst i32) (param $count i32)
    (local $off i32) (local $end4 i32) (local $end i32) (local $x v128) (local $s f32)
    (local.set $end (i32.shl (local.get $count) (i32.const 2)))
    (local.set $end4 (i32.and (local.get $end) (i32.const -16)))
    (block $done
      (loop $vec
        (br_if $done (i32.ge_u (local.get $off) (local.get $end4)))
        (local.set $x (v128.load (i32.add (local.get $src) (local.get $off))))
        (v128.store (i32.add (local.get $dst) (local.get $off))
          (v128.and (local.get $x) (f32x4.gt (local.get $x) (v128.const f32x4 0 0 0 0))))
        (local.set $off (i32.add (local.get $off) (i32.const 16)))
        (br $vec)))
    (block $tail_done
      (loop $tail
        (br_if $tail_done (i32.ge_u (local.get $off) (local.get $end)))
        (local.set $s (f32.load (i32.add (local.get $src) (local.get $off))))
        (f32.store (i32.add (local.get $dst) (local.get $off))
          (select (local.get $s) (f32.const 0) (f32.gt (local.get $s) (f32.const 0))))
        (local.set $off (i32.add (local.get $off) (i32.const 4)))
        (br $tail))))

  ;; gradPre[i] = pre[i] > 0 ? gradPost[i] : 0 for i < count, as activations.ts's
  ;; relu backward has it (NaN pre gives +0): the mask keeps gradPost's bits or clears them.
  ;; With range ≠ 0, also Math.min and Math.max of the values written into
  ;; range[0], range[1] (float32), while they are in registers: pmin and pmax
  ;; (one instruction each) and a NaN tracked on the side, as measure_layer
  ;; does; a NaN, or a zero of either sign for a result, takes the exact sweep.
  (func (export "relu_backward") (param $pre i32) (param $gpost i32) (param $gpre i32) (param $count i32) (param $range i32)
    (local $off i32) (local $end4 i32) (local $end i32) (local $g v128) (local $lo v128) (local $hi v128) (local $nan v128)
    (local $s f32) (local $mn f32) (local $mx f32)
    (local.set $end (i32.shl (local.get $count) (i32.const 2)))
    (local.set $end4 (i32.and (local.get $end) (i32.const -16)))
    (local.set $lo (f32x4.splat (f32.const inf)))
    (local.set $hi (f32x4.splat (f32.const -inf)))
    (local.set $mn (f32.const inf))
    (local.set $mx (f32.const -inf))
    (if (local.get $range)
      (then
        (block $found
          (loop $vec_found
            (br_if $found (i32.ge_u (local.get $off) (local.get $end4)))
            (local.set $g
              (v128.and (v128.load (i32.add (local.get $gpost) (local.get $off)))
                (f32x4.gt (v128.load (i32.add (local.get $pre) (local.get $off))) (v128.const f32x4 0 0 0 0))))
            (v128.store (i32.add (local.get $gpre) (local.get $off)) (local.get $g))
            (local.set $lo (f32x4.pmin (local.get $lo) (local.get $g)))
            (local.set $hi (f32x4.pmax (local.get $hi) (local.get $g)))
            (local.set $nan (v128.or (local.get $nan) (f32x4.ne (local.get $g) (local.get $g))))
            (local.set $off (i32.add (local.get $off) (i32.const 16)))
            (br $vec_found))))
      (else
        (block $done
          (loop $vec
            (br_if $done (i32.ge_u (local.get $off) (local.get $end4)))
            (v128.store (i32.add (local.get $gpre) (local.get $off))
              (v128.and (v128.load (i32.add (local.get $gpost) (local.get $off)))
                (f32x4.gt (v128.load (i32.add (local.get $pre) (local.get $off))) (v128.const f32x4 0 0 0 0))))
            (local.set $off (i32.add (local.get $off) (i32.const 16)))
            (br $vec)))))
    (block $tail_done
      (loop $tail
        (br_if $tail_done (i32.ge_u (local.get $off) (local.get $end)))
        (local.set $s
          (select (f32.load (i32.add (local.get $gpost) (local.get $off))) (f32.const 0)
            (f32.gt (f32.load (i32.add (local.get $pre) (local.get $off))) (f32.const 0))))
        (f32.store (i32.add (local.get $gpre) (local.get $off)) (local.get $s))
        (local.set $mn (f32.min (local.get $mn) (local.get $s)))
        (local.set $mx (f32.max (local.get $mx) (local.get $s)))
        (local.set $off (i32.add (local.get $off) (i32.const 4)))
        (br $tail)))
    (if (i32.eqz (local.get $range)) (then (return)))
    (local.set $mn (f32.min (local.get $mn) (call $hmin (local.get $lo))))
    (local.set $mx (f32.max (local.get $mx) (call $hmax (local.get $hi))))
    (if (i32.or (v128.any_true (local.get $nan))
          (i32.or (f32.eq (local.get $mn) (f32.const 0)) (f32.eq (local.get $mx) (f32.const 0))))
      (then
        (call $min_max_exact (local.get $gpre) (local.get $count) (local.get $range))
        (return)))
    (f32.store (local.get $range) (local.get $mn))
    (f32.store offset=4 (local.get $range) (local.get $mx)))

  ;; ---- Statistics of the instruments (src/core/train/layer-stats.ts, histogram.ts) ----

  ;; Σ x[i]² over n floats: one part of stats-plain.ts's sumSquares, which
  ;; adds in exactly this order, so both give the same bits. In blocks of up
  ;; to 256 values, sixteen float32 lanes (value i in lane i mod 16) add the
  ;; float32 squares; each block's lanes go into two float64 totals, even
  ;; lanes and odd, as ((l0+l2)+(l4+l6)) + ((l8+l10)+(l12+l14)); then the
  ;; two totals are added, then the n mod 16 last squares one by one. A
  ;; lane adds at most sixteen squares, so the sum is within ~1e-6 of the
  ;; exact one, at three instructions per four values (float64 squares take
  ;; eight). A sum below 2^-70 (where squares under float32's range could
  ;; matter), infinite (a square or a lane over it) or NaN is taken again
  ;; with float64 squares (sum_squares_exact).
  (func (export "sum_squares") (param $x i32) (param $n i32) (result f64)
    (local $p i32) (local $end i32) (local $end16 i32) (local $block i32)
    (local $v v128) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $t v128) (local $f f32) (local $s f64)
    (local.set $p (local.get $x))
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $end16 (i32.add (local.get $x) (i32.and (i32.shl (local.get $n) (i32.const 2)) (i32.const -64))))
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_u (local.get $p) (local.get $end16)))
        (local.set $block (i32.add (local.get $p) (i32.const 1024)))
        (if (i32.gt_u (local.get $block) (local.get $end16)) (then (local.set $block (local.get $end16))))
        (local.set $a0 (v128.const i32x4 0 0 0 0))
        (local.set $a1 (v128.const i32x4 0 0 0 0))
        (local.set $a2 (v128.const i32x4 0 0 0 0))
        (local.set $a3 (v128.const i32x4 0 0 0 0))
        ;; Spelled square-first: the relaxed build fuses only the tiles' acc + x·y.
        (loop $groups
          (local.set $v (v128.load (local.get $p)))
          (local.set $a0 (f32x4.add (f32x4.mul (local.get $v) (local.get $v)) (local.get $a0)))
          (local.set $v (v128.load offset=16 (local.get $p)))
          (local.set $a1 (f32x4.add (f32x4.mul (local.get $v) (local.get $v)) (local.get $a1)))
          (local.set $v (v128.load offset=32 (local.get $p)))
          (local.set $a2 (f32x4.add (f32x4.mul (local.get $v) (local.get $v)) (local.get $a2)))
          (local.set $v (v128.load offset=48 (local.get $p)))
          (local.set $a3 (f32x4.add (f32x4.mul (local.get $v) (local.get $v)) (local.get $a3)))
          (local.set $p (i32.add (local.get $p) (i32.const 64)))
          (br_if $groups (i32.lt_u (local.get $p) (local.get $block))))
        (local.set $t (f64x2.add (local.get $t)
          (f64x2.add
            (f64x2.add (call $pair_sums (local.get $a0)) (call $pair_sums (local.get $a1)))
            (f64x2.add (call $pair_sums (local.get $a2)) (call $pair_sums (local.get $a3))))))
        (br $blocks)))
    (local.set $s (f64.add (f64x2.extract_lane 0 (local.get $t)) (f64x2.extract_lane 1 (local.get $t))))
    (block $tail_done
      (loop $tail
        (br_if $tail_done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $f (f32.load (local.get $p)))
        (local.set $s (f64.add (local.get $s) (f64.promote_f32 (f32.mul (local.get $f) (local.get $f)))))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br $tail)))
    (if (result f64) (i32.and (f64.ge (local.get $s) (f64.const 0x1p-70)) (f64.lt (local.get $s) (f64.const inf)))
      (then (local.get $s))
      (else (call $sum_squares_exact (local.get $x) (local.get $n)))))

  ;; (l0 + l2, l1 + l3) in float64 for lanes l0..l3 of a float32 vector.
  (func $pair_sums (param $a v128) (result v128)
    (f64x2.add
      (f64x2.promote_low_f32x4 (local.get $a))
      (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a) (local.get $a)))))

  ;; Σ x[i]² with float64 squares, which are exact: lane j of the eight sums
  ;; takes i ≡ j (mod 8), combined as ((s0+s2)+(s4+s6)) + ((s1+s3)+(s5+s7)),
  ;; then the n mod 8 last values one by one (stats-plain.ts's sumSquaresExact).
  (func $sum_squares_exact (param $x i32) (param $n i32) (result f64)
    (local $off i32) (local $end8 i32) (local $end i32) (local $p i32) (local $v v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $t v128) (local $s f64) (local $f f64)
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (local.set $end8 (i32.and (local.get $end) (i32.const -32)))
    (block $done
      (loop $vec
        (br_if $done (i32.ge_u (local.get $off) (local.get $end8)))
        (local.set $p (i32.add (local.get $x) (local.get $off)))
        (local.set $v (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $p))))
        (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $v) (local.get $v))))
        (local.set $v (f64x2.promote_low_f32x4 (v128.load64_zero offset=8 (local.get $p))))
        (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $v) (local.get $v))))
        (local.set $v (f64x2.promote_low_f32x4 (v128.load64_zero offset=16 (local.get $p))))
        (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (local.get $v) (local.get $v))))
        (local.set $v (f64x2.promote_low_f32x4 (v128.load64_zero offset=24 (local.get $p))))
        (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (local.get $v) (local.get $v))))
        (local.set $off (i32.add (local.get $off) (i32.const 32)))
        (br $vec)))
    (local.set $t (f64x2.add (f64x2.add (local.get $a0) (local.get $a1)) (f64x2.add (local.get $a2) (local.get $a3))))
    (local.set $s (f64.add (f64x2.extract_lane 0 (local.get $t)) (f64x2.extract_lane 1 (local.get $t))))
    (block $tail_done
      (loop $tail
        (br_if $tail_done (i32.ge_u (local.get $off) (local.get $end)))
        (local.set $f (f64.promote_f32 (f32.load (i32.add (local.get $x) (local.get $off)))))
        (local.set $s (f64.add (local.get $s) (f64.mul (local.get $f) (local.get $f))))
        (local.set $off (i32.add (local.get $off) (i32.const 4)))
        (br $tail)))
    (local.get $s))

  ;; Smallest and largest of n floats into out[0], out[1] (float32), as
  ;; Math.min and Math.max find them: NaN wins, and -0 < +0. Wasm's f32x4.min
  ;; and max are exactly that but take several instructions each in V8; pmin
  ;; and pmax are one, and agree with them except on NaN (tracked on the
  ;; side here) and on which zero is kept (a result of ±0 is found again
  ;; with the exact operations, below).
  (func (export "min_max") (param $x i32) (param $n i32) (param $out i32)
    (local $off i32) (local $end8 i32) (local $end i32) (local $v v128) (local $w v128)
    (local $lo v128) (local $hi v128) (local $lo1 v128) (local $hi1 v128) (local $nan v128) (local $mn f32) (local $mx f32)
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (local.set $end8 (i32.and (local.get $end) (i32.const -32)))
    (local.set $lo (f32x4.splat (f32.const inf)))
    (local.set $hi (f32x4.splat (f32.const -inf)))
    (local.set $lo1 (local.get $lo))
    (local.set $hi1 (local.get $hi))
    (block $done
      (loop $vec
        (br_if $done (i32.ge_u (local.get $off) (local.get $end8)))
        (local.set $v (v128.load (i32.add (local.get $x) (local.get $off))))
        (local.set $w (v128.load offset=16 (i32.add (local.get $x) (local.get $off))))
        (local.set $lo (f32x4.pmin (local.get $lo) (local.get $v)))
        (local.set $hi (f32x4.pmax (local.get $hi) (local.get $v)))
        (local.set $lo1 (f32x4.pmin (local.get $lo1) (local.get $w)))
        (local.set $hi1 (f32x4.pmax (local.get $hi1) (local.get $w)))
        (local.set $nan (v128.or (local.get $nan)
          (v128.or (f32x4.ne (local.get $v) (local.get $v)) (f32x4.ne (local.get $w) (local.get $w)))))
        (local.set $off (i32.add (local.get $off) (i32.const 32)))
        (br $vec)))
    (local.set $mn (call $hmin (f32x4.pmin (local.get $lo) (local.get $lo1))))
    (local.set $mx (call $hmax (f32x4.pmax (local.get $hi) (local.get $hi1))))
    ;; The last n mod 8 values by the exact sweep, into out.
    (call $min_max_exact (i32.add (local.get $x) (local.get $end8)) (i32.shr_u (i32.sub (local.get $end) (local.get $end8)) (i32.const 2)) (local.get $out))
    (local.set $mn (f32.min (local.get $mn) (f32.load (local.get $out))))
    (local.set $mx (f32.max (local.get $mx) (f32.load offset=4 (local.get $out))))
    ;; NaN anywhere, or a zero that may be either: the exact sweep over all (rare).
    (if (i32.or (v128.any_true (local.get $nan))
          (i32.or (f32.ne (local.get $mn) (local.get $mn))
            (i32.or (f32.eq (local.get $mn) (f32.const 0)) (f32.eq (local.get $mx) (f32.const 0)))))
      (then
        (call $min_max_exact (local.get $x) (local.get $n) (local.get $out))
        (return)))
    (f32.store (local.get $out) (local.get $mn))
    (f32.store offset=4 (local.get $out) (local.get $mx)))

  ;; The exact sweep: f32x4.min/max are Math.min/max's (NaN wins, -0 < +0).
  (func $min_max_exact (param $x i32) (param $n i32) (param $out i32)
    (local $off i32) (local $end8 i32) (local $end4 i32) (local $end i32) (local $v v128) (local $w v128)
    (local $lo v128) (local $hi v128) (local $lo1 v128) (local $hi1 v128) (local $s f32) (local $mn f32) (local $mx f32)
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (local.set $end8 (i32.and (local.get $end) (i32.const -32)))
    (local.set $end4 (i32.and (local.get $end) (i32.const -16)))
    (local.set $lo (f32x4.splat (f32.const inf)))
    (local.set $hi (f32x4.splat (f32.const -inf)))
    (local.set $lo1 (local.get $lo))
    (local.set $hi1 (local.get $hi))
    (block $done
      (loop $vec
        (br_if $done (i32.ge_u (local.get $off) (local.get $end8)))
        (local.set $v (v128.load (i32.add (local.get $x) (local.get $off))))
        (local.set $w (v128.load offset=16 (i32.add (local.get $x) (local.get $off))))
        (local.set $lo (f32x4.min (local.get $lo) (local.get $v)))
        (local.set $hi (f32x4.max (local.get $hi) (local.get $v)))
        (local.set $lo1 (f32x4.min (local.get $lo1) (local.get $w)))
        (local.set $hi1 (f32x4.max (local.get $hi1) (local.get $w)))
        (local.set $off (i32.add (local.get $off) (i32.const 32)))
        (br $vec)))
    (if (i32.lt_u (local.get $off) (local.get $end4))
      (then
        (local.set $v (v128.load (i32.add (local.get $x) (local.get $off))))
        (local.set $lo (f32x4.min (local.get $lo) (local.get $v)))
        (local.set $hi (f32x4.max (local.get $hi) (local.get $v)))
        (local.set $off (i32.add (local.get $off) (i32.const 16)))))
    (local.set $mn (call $hmin (f32x4.min (local.get $lo) (local.get $lo1))))
    (local.set $mx (call $hmax (f32x4.max (local.get $hi) (local.get $hi1))))
    (block $tail_done
      (loop $tail
        (br_if $tail_done (i32.ge_u (local.get $off) (local.get $end)))
        (local.set $s (f32.load (i32.add (local.get $x) (local.get $off))))
        (local.set $mn (f32.min (local.get $mn) (local.get $s)))
        (local.set $mx (f32.max (local.get $mx) (local.get $s)))
        (local.set $off (i32.add (local.get $off) (i32.const 4)))
        (br $tail)))
    (f32.store (local.get $out) (local.get $mn))
    (f32.store offset=4 (local.get $out) (local.get $mx)))

  ;; Histogram counts (stats-plain.ts's binCounts, torch.histc's arithmetic):
  ;; value v in [min, max] goes to bin min(trunc((v - min) · bins / (max -
  ;; min)), bins - 1), each operation in float32; NaN and values outside are
  ;; left out. Four histograms of bins + 1 i32 each at counts (zeroed here),
  ;; value i going to histogram i mod 4, so that runs of one bin (the zeros
  ;; of a ReLU layer) do not wait on their own increments; slot `bins`
  ;; collects the values left out. The caller adds the four up.
  (func (export "bin_counts") (param $x i32) (param $n i32) (param $min f32) (param $max f32) (param $bins i32) (param $counts i32)
    (local $off i32) (local $end4 i32) (local $end i32) (local $stride i32) (local $c1 i32) (local $c2 i32) (local $c3 i32) (local $a i32)
    (local $v v128) (local $idx v128) (local $lo v128) (local $hi v128) (local $nb v128) (local $wd v128) (local $last v128) (local $outside v128)
    (local $w v128) (local $idx2 v128) (local $end8 i32) (local $s f32) (local $b i32) (local $binsf f32) (local $width f32)
    (local.set $stride (i32.shl (i32.add (local.get $bins) (i32.const 1)) (i32.const 2)))
    (local.set $c1 (i32.add (local.get $counts) (local.get $stride)))
    (local.set $c2 (i32.add (local.get $c1) (local.get $stride)))
    (local.set $c3 (i32.add (local.get $c2) (local.get $stride)))
    (local.set $end (i32.shl (local.get $stride) (i32.const 2)))
    (block $zeroed
      (loop $zero
        (br_if $zeroed (i32.ge_u (local.get $off) (local.get $end)))
        (i32.store (i32.add (local.get $counts) (local.get $off)) (i32.const 0))
        (local.set $off (i32.add (local.get $off) (i32.const 4)))
        (br $zero)))
    (local.set $binsf (f32.convert_i32_s (local.get $bins)))
    (local.set $width (f32.sub (local.get $max) (local.get $min)))
    (local.set $lo (f32x4.splat (local.get $min)))
    (local.set $hi (f32x4.splat (local.get $max)))
    (local.set $nb (f32x4.splat (local.get $binsf)))
    (local.set $wd (f32x4.splat (local.get $width)))
    (local.set $last (i32x4.splat (i32.sub (local.get $bins) (i32.const 1))))
    (local.set $outside (i32x4.splat (local.get $bins)))
    (local.set $off (i32.const 0))
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (local.set $end4 (i32.and (local.get $end) (i32.const -16)))
    ;; Eight values a turn, as two independent vectors: 11 % faster than four.
    (local.set $end8 (i32.and (local.get $end) (i32.const -32)))
    (block $done8
      (loop $vec8
        (br_if $done8 (i32.ge_u (local.get $off) (local.get $end8)))
        (local.set $v (v128.load (i32.add (local.get $x) (local.get $off))))
        (local.set $w (v128.load offset=16 (i32.add (local.get $x) (local.get $off))))
        (local.set $idx
          (v128.bitselect
            (i32x4.min_s
              (i32x4.trunc_sat_f32x4_s
                (f32x4.div (f32x4.mul (f32x4.sub (local.get $v) (local.get $lo)) (local.get $nb)) (local.get $wd)))
              (local.get $last))
            (local.get $outside)
            (v128.and (f32x4.ge (local.get $v) (local.get $lo)) (f32x4.le (local.get $v) (local.get $hi)))))
        (local.set $idx2
          (v128.bitselect
            (i32x4.min_s
              (i32x4.trunc_sat_f32x4_s
                (f32x4.div (f32x4.mul (f32x4.sub (local.get $w) (local.get $lo)) (local.get $nb)) (local.get $wd)))
              (local.get $last))
            (local.get $outside)
            (v128.and (f32x4.ge (local.get $w) (local.get $lo)) (f32x4.le (local.get $w) (local.get $hi)))))
        (local.set $a (i32.add (local.get $counts) (i32.shl (i32x4.extract_lane 0 (local.get $idx)) (i32.const 2))))
        (i32.store (local.get $a) (i32.add (i32.load (local.get $a)) (i32.const 1)))
        (local.set $a (i32.add (local.get $c1) (i32.shl (i32x4.extract_lane 1 (local.get $idx)) (i32.const 2))))
        (i32.store (local.get $a) (i32.add (i32.load (local.get $a)) (i32.const 1)))
        (local.set $a (i32.add (local.get $c2) (i32.shl (i32x4.extract_lane 2 (local.get $idx)) (i32.const 2))))
        (i32.store (local.get $a) (i32.add (i32.load (local.get $a)) (i32.const 1)))
        (local.set $a (i32.add (local.get $c3) (i32.shl (i32x4.extract_lane 3 (local.get $idx)) (i32.const 2))))
        (i32.store (local.get $a) (i32.add (i32.load (local.get $a)) (i32.const 1)))
        (local.set $a (i32.add (local.get $counts) (i32.shl (i32x4.extract_lane 0 (local.get $idx2)) (i32.const 2))))
        (i32.store (local.get $a) (i32.add (i32.load (local.get $a)) (i32.const 1)))
        (local.set $a (i32.add (local.get $c1) (i32.shl (i32x4.extract_lane 1 (local.get $idx2)) (i32.const 2))))
        (i32.store (local.get $a) (i32.add (i32.load (local.get $a)) (i32.const 1)))
        (local.set $a (i32.add (local.get $c2) (i32.shl (i32x4.extract_lane 2 (local.get $idx2)) (i32.const 2))))
        (i32.store (local.get $a) (i32.add (i32.load (local.get $a)) (i32.const 1)))
        (local.set $a (i32.add (local.get $c3) (i32.shl (i32x4.extract_lane 3 (local.get $idx2)) (i32.const 2))))
        (i32.store (local.get $a) (i32.add (i32.load (local.get $a)) (i32.const 1)))
        (local.set $off (i32.add (local.get $off) (i32.const 32)))
        (br $vec8)))
    ;; Then at most one vector of four.
    (block $done
      (loop $vec
        (br_if $done (i32.ge_u (local.get $off) (local.get $end4)))
        (local.set $v (v128.load (i32.add (local.get $x) (local.get $off))))
        (local.set $idx
          (v128.bitselect
            (i32x4.min_s
              (i32x4.trunc_sat_f32x4_s
                (f32x4.div (f32x4.mul (f32x4.sub (local.get $v) (local.get $lo)) (local.get $nb)) (local.get $wd)))
              (local.get $last))
            (local.get $outside)
            (v128.and (f32x4.ge (local.get $v) (local.get $lo)) (f32x4.le (local.get $v) (local.get $hi)))))
        (local.set $a (i32.add (local.get $counts) (i32.shl (i32x4.extract_lane 0 (local.get $idx)) (i32.const 2))))
        (i32.store (local.get $a) (i32.add (i32.load (local.get $a)) (i32.const 1)))
        (local.set $a (i32.add (local.get $c1) (i32.shl (i32x4.extract_lane 1 (local.get $idx)) (i32.const 2))))
        (i32.store (local.get $a) (i32.add (i32.load (local.get $a)) (i32.const 1)))
        (local.set $a (i32.add (local.get $c2) (i32.shl (i32x4.extract_lane 2 (local.get $idx)) (i32.const 2))))
        (i32.store (local.get $a) (i32.add (i32.load (local.get $a)) (i32.const 1)))
        (local.set $a (i32.add (local.get $c3) (i32.shl (i32x4.extract_lane 3 (local.get $idx)) (i32.const 2))))
        (i32.store (local.get $a) (i32.add (i32.load (local.get $a)) (i32.const 1)))
        (local.set $off (i32.add (local.get $off) (i32.const 16)))
        (br $vec)))
    (block $tail_done
      (loop $tail
        (br_if $tail_done (i32.ge_u (local.get $off) (local.get $end)))
        (local.set $s (f32.load (i32.add (local.get $x) (local.get $off))))
        (local.set $b
          (i32.trunc_sat_f32_s
            (f32.div (f32.mul (f32.sub (local.get $s) (local.get $min)) (local.get $binsf)) (local.get $width))))
        (local.set $b (select (local.get $b) (i32.sub (local.get $bins) (i32.const 1)) (i32.lt_s (local.get $b) (local.get $bins))))
        (local.set $b
          (select (local.get $b) (local.get $bins) (i32.and (f32.ge (local.get $s) (local.get $min)) (f32.le (local.get $s) (local.get $max)))))
        (local.set $a (i32.add (local.get $counts) (i32.shl (local.get $b) (i32.const 2))))
        (i32.store (local.get $a) (i32.add (i32.load (local.get $a)) (i32.const 1)))
        (local.set $off (i32.add (local.get $off) (i32.const 4)))
        (br $tail))))

  (func $hmin (param $v v128) (result f32)
    (f32.min
      (f32.min (f32x4.extract_lane 0 (local.get $v)) (f32x4.extract_lane 1 (local.get $v)))
      (f32.min (f32x4.extract_lane 2 (local.get $v)) (f32x4.extract_lane 3 (local.get $v)))))

  (func $hmax (param $v v128) (result f32)
    (f32.max
      (f32.max (f32x4.extract_lane 0 (local.get $v)) (f32x4.extract_lane 1 (local.get $v)))
      (f32.max (f32x4.extract_lane 2 (local.get $v)) (f32x4.extract_lane 3 (local.get $v)))))

  ;; One sweep of measureLayer over pre and post (samples × units, row-major):
  ;; per unit the count of pre > 0 (i32, into positive) and the largest pre
  ;; (f32, into premax), both overwritten; out gets min pre, min post, max
  ;; post (f32) and the count of post == 0 (i32). Four units per vector, the
  ;; units % 4 last ones scalar.
  ;; The exact operations (f32x4.min and max, Math.min and Math.max's NaN and
  ;; signed zeros) take several instructions each in V8; pmin and pmax are
  ;; one. So the sweep runs with those, tracks on the side whether a NaN went
  ;; by and whether post held a -0, and finishes the one zero it meets all the
  ;; time (min post of a ReLU layer, +0 unless some post is -0) from that.
  ;; Where a NaN went by, or another result came out a zero of either sign
  ;; (rare: a unit whose largest pre is exactly 0, a layer with no negative
  ;; pre or no positive post), it sweeps again with the exact operations.
  (func (export "measure_layer") (param $pre i32) (param $post i32) (param $samples i32) (param $units i32) (param $positive i32) (param $premax i32) (param $out i32)
    (local $rowb i32) (local $end4 i32) (local $row i32) (local $off i32) (local $s i32) (local $a i32)
    (local $v v128) (local $p v128) (local $preLo v128) (local $postLo v128) (local $postHi v128) (local $zeros v128)
    (local $nan v128) (local $negz v128)
    (local $vs f32) (local $ps f32) (local $mn f32) (local $pmn f32) (local $pmx f32) (local $z i32)
    (local.set $rowb (i32.shl (local.get $units) (i32.const 2)))
    (local.set $end4 (i32.and (local.get $rowb) (i32.const -16)))
    (local.set $preLo (f32x4.splat (f32.const inf)))
    (local.set $postLo (f32x4.splat (f32.const inf)))
    (local.set $postHi (f32x4.splat (f32.const -inf)))
    (block $init_done
      (loop $init
        (br_if $init_done (i32.ge_u (local.get $off) (local.get $rowb)))
        (i32.store (i32.add (local.get $positive) (local.get $off)) (i32.const 0))
        (f32.store (i32.add (local.get $premax) (local.get $off)) (f32.const -inf))
        (local.set $off (i32.add (local.get $off) (i32.const 4)))
        (br $init)))
    (local.set $mn (f32.const inf))
    (local.set $pmn (f32.const inf))
    (local.set $pmx (f32.const -inf))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $s) (local.get $samples)))
        (local.set $row (i32.mul (local.get $s) (local.get $rowb)))
        (local.set $off (i32.const 0))
        (block $vec_done
          (loop $vec
            (br_if $vec_done (i32.ge_u (local.get $off) (local.get $end4)))
            (local.set $v (v128.load (i32.add (local.get $pre) (i32.add (local.get $row) (local.get $off)))))
            (local.set $p (v128.load (i32.add (local.get $post) (i32.add (local.get $row) (local.get $off)))))
            ;; A true comparison is all ones, -1 as an integer: subtracting it counts.
            (local.set $a (i32.add (local.get $positive) (local.get $off)))
            (v128.store (local.get $a) (i32x4.sub (v128.load (local.get $a)) (f32x4.gt (local.get $v) (v128.const f32x4 0 0 0 0))))
            (local.set $a (i32.add (local.get $premax) (local.get $off)))
            (v128.store (local.get $a) (f32x4.pmax (v128.load (local.get $a)) (local.get $v)))
            (local.set $preLo (f32x4.pmin (local.get $preLo) (local.get $v)))
            (local.set $zeros (i32x4.sub (local.get $zeros) (f32x4.eq (local.get $p) (v128.const f32x4 0 0 0 0))))
            (local.set $postLo (f32x4.pmin (local.get $postLo) (local.get $p)))
            (local.set $postHi (f32x4.pmax (local.get $postHi) (local.get $p)))
            (local.set $nan (v128.or (local.get $nan)
              (v128.or (f32x4.ne (local.get $v) (local.get $v)) (f32x4.ne (local.get $p) (local.get $p)))))
            (local.set $negz (v128.or (local.get $negz) (i32x4.eq (local.get $p) (v128.const i32x4 0x80000000 0x80000000 0x80000000 0x80000000))))
            (local.set $off (i32.add (local.get $off) (i32.const 16)))
            (br $vec)))
        ;; The units % 4 last ones: the exact scalar operations.
        (block $tail_done
          (loop $tail
            (br_if $tail_done (i32.ge_u (local.get $off) (local.get $rowb)))
            (local.set $vs (f32.load (i32.add (local.get $pre) (i32.add (local.get $row) (local.get $off)))))
            (local.set $ps (f32.load (i32.add (local.get $post) (i32.add (local.get $row) (local.get $off)))))
            (i32.store (i32.add (local.get $positive) (local.get $off))
              (i32.add (i32.load (i32.add (local.get $positive) (local.get $off))) (f32.gt (local.get $vs) (f32.const 0))))
            (f32.store (i32.add (local.get $premax) (local.get $off))
              (f32.max (f32.load (i32.add (local.get $premax) (local.get $off))) (local.get $vs)))
            (local.set $mn (f32.min (local.get $mn) (local.get $vs)))
            (local.set $z (i32.add (local.get $z) (f32.eq (local.get $ps) (f32.const 0))))
            (local.set $pmn (f32.min (local.get $pmn) (local.get $ps)))
            (local.set $pmx (f32.max (local.get $pmx) (local.get $ps)))
            (local.set $off (i32.add (local.get $off) (i32.const 4)))
            (br $tail)))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $rows)))
    (local.set $mn (f32.min (local.get $mn) (call $hmin (local.get $preLo))))
    (local.set $pmx (f32.max (local.get $pmx) (call $hmax (local.get $postHi))))
    ;; hmin's f32.min is exact on the four lanes, and so is the scalar tail's,
    ;; but pmin may have kept +0 over a -0 in the vector part.
    (local.set $pmn (f32.min (local.get $pmn) (call $hmin (local.get $postLo))))
    (if (i32.and (f32.eq (local.get $pmn) (f32.const 0)) (v128.any_true (local.get $negz)))
      (then (local.set $pmn (f32.const -0))))
    (local.set $a (i32.or (v128.any_true (local.get $nan))
      (i32.or (f32.eq (local.get $mn) (f32.const 0)) (f32.eq (local.get $pmx) (f32.const 0)))))
    (local.set $off (i32.const 0))
    (block $checked
      (loop $check
        (br_if $checked (i32.or (local.get $a) (i32.ge_u (local.get $off) (local.get $rowb))))
        (local.set $a (f32.eq (f32.load (i32.add (local.get $premax) (local.get $off))) (f32.const 0)))
        (local.set $off (i32.add (local.get $off) (i32.const 4)))
        (br $check)))
    (if (local.get $a)
      (then
        (call $measure_layer_exact (local.get $pre) (local.get $post) (local.get $samples) (local.get $units) (local.get $positive) (local.get $premax) (local.get $out))
        (return)))
    (f32.store (local.get $out) (local.get $mn))
    (f32.store offset=4 (local.get $out) (local.get $pmn))
    (f32.store offset=8 (local.get $out) (local.get $pmx))
    (i32.store offset=12 (local.get $out)
      (i32.add (local.get $z)
        (i32.add
          (i32.add (i32x4.extract_lane 0 (local.get $zeros)) (i32x4.extract_lane 1 (local.get $zeros)))
          (i32.add (i32x4.extract_lane 2 (local.get $zeros)) (i32x4.extract_lane 3 (local.get $zeros)))))))

  ;; The same sweep with the exact operations throughout.
  (func $measure_layer_exact (param $pre i32) (param $post i32) (param $samples i32) (param $units i32) (param $positive i32) (param $premax i32) (param $out i32)
    (local $rowb i32) (local $end i32) (local $end4 i32) (local $row i32) (local $off i32) (local $s i32)
    (local $v v128) (local $p v128) (local $preLo v128) (local $postLo v128) (local $postHi v128) (local $zeros v128)
    (local $vs f32) (local $ps f32) (local $mn f32) (local $pmn f32) (local $pmx f32) (local $z i32)
    (local.set $rowb (i32.shl (local.get $units) (i32.const 2)))
    (local.set $end4 (i32.and (local.get $rowb) (i32.const -16)))
    (local.set $preLo (f32x4.splat (f32.const inf)))
    (local.set $postLo (f32x4.splat (f32.const inf)))
    (local.set $postHi (f32x4.splat (f32.const -inf)))
    (block $init_done
      (loop $init
        (br_if $init_done (i32.ge_u (local.get $off) (local.get $rowb)))
        (i32.store (i32.add (local.get $positive) (local.get $off)) (i32.const 0))
        (f32.store (i32.add (local.get $premax) (local.get $off)) (f32.const -inf))
        (local.set $off (i32.add (local.get $off) (i32.const 4)))
        (br $init)))
    (local.set $mn (f32.const inf))
    (local.set $pmn (f32.const inf))
    (local.set $pmx (f32.const -inf))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $s) (local.get $samples)))
        (local.set $row (i32.mul (local.get $s) (local.get $rowb)))
        (local.set $off (i32.const 0))
        (block $vec_done
          (loop $vec
            (br_if $vec_done (i32.ge_u (local.get $off) (local.get $end4)))
            (local.set $v (v128.load (i32.add (local.get $pre) (i32.add (local.get $row) (local.get $off)))))
            (local.set $p (v128.load (i32.add (local.get $post) (i32.add (local.get $row) (local.get $off)))))
            ;; A true comparison is all ones, -1 as an integer: subtracting it counts.
            (v128.store (i32.add (local.get $positive) (local.get $off))
              (i32x4.sub (v128.load (i32.add (local.get $positive) (local.get $off))) (f32x4.gt (local.get $v) (v128.const f32x4 0 0 0 0))))
            (v128.store (i32.add (local.get $premax) (local.get $off))
              (f32x4.max (v128.load (i32.add (local.get $premax) (local.get $off))) (local.get $v)))
            (local.set $preLo (f32x4.min (local.get $preLo) (local.get $v)))
            (local.set $zeros (i32x4.sub (local.get $zeros) (f32x4.eq (local.get $p) (v128.const f32x4 0 0 0 0))))
            (local.set $postLo (f32x4.min (local.get $postLo) (local.get $p)))
            (local.set $postHi (f32x4.max (local.get $postHi) (local.get $p)))
            (local.set $off (i32.add (local.get $off) (i32.const 16)))
            (br $vec)))
        (block $tail_done
          (loop $tail
            (br_if $tail_done (i32.ge_u (local.get $off) (local.get $rowb)))
            (local.set $vs (f32.load (i32.add (local.get $pre) (i32.add (local.get $row) (local.get $off)))))
            (local.set $ps (f32.load (i32.add (local.get $post) (i32.add (local.get $row) (local.get $off)))))
            (i32.store (i32.add (local.get $positive) (local.get $off))
              (i32.add (i32.load (i32.add (local.get $positive) (local.get $off))) (f32.gt (local.get $vs) (f32.const 0))))
            (f32.store (i32.add (local.get $premax) (local.get $off))
              (f32.max (f32.load (i32.add (local.get $premax) (local.get $off))) (local.get $vs)))
            (local.set $mn (f32.min (local.get $mn) (local.get $vs)))
            (local.set $z (i32.add (local.get $z) (f32.eq (local.get $ps) (f32.const 0))))
            (local.set $pmn (f32.min (local.get $pmn) (local.get $ps)))
            (local.set $pmx (f32.max (local.get $pmx) (local.get $ps)))
            (local.set $off (i32.add (local.get $off) (i32.const 4)))
            (br $tail)))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $rows)))
    (f32.store (local.get $out) (f32.min (local.get $mn) (call $hmin (local.get $preLo))))
    (f32.store offset=4 (local.get $out) (f32.min (local.get $pmn) (call $hmin (local.get $postLo))))
    (f32.store offset=8 (local.get $out) (f32.max (local.get $pmx) (call $hmax (local.get $postHi))))
    (i32.store offset=12 (local.get $out)
      (i32.add (local.get $z)
        (i32.add
          (i32.add (i32x4.extract_lane 0 (local.get $zeros)) (i32x4.extract_lane 1 (local.get $zeros)))
          (i32.add (i32x4.extract_lane 2 (local.get $zeros)) (i32x4.extract_lane 3 (local.get $zeros)))))))

  ;; ---- Optimizer updates (src/core/kernels/optim-plain.ts is the reference) ----
  ;; Each does, per parameter, the plain version's float64 arithmetic in its
  ;; order (the float32 values promoted, every result demoted once when it is
  ;; stored), so both give the same bits. Two parameters a turn (f64x2), the
  ;; odd last one alone. Per-call constants come as float64, computed by the
  ;; caller exactly as the plain version computes them.

  ;; Plain SGD (sgd.ts, no momentum, no weight decay): value −= lr·grad.
  (func (export "sgd") (param $value i32) (param $grad i32) (param $n i32) (param $lr f64)
    (local $off i32) (local $end2 i32) (local $end i32) (local $lr2 v128) 
    (local.set $lr2 (f64x2.splat (local.get $lr)))
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (local.set $end2 (i32.and (local.get $end) (i32.const -8)))
    (block $done
      (loop $pair
        (br_if $done (i32.ge_u (local.get $off) (local.get $end2)))
        (v128.store64_lane 0 (i32.add (local.get $value) (local.get $off)) (f32x4.demote_f64x2_zero (f64x2.sub (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $value) (local.get $off)))) (f64x2.mul (local.get $lr2) (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $grad) (local.get $off))))))))
        (local.set $off (i32.add (local.get $off) (i32.const 8)))
        (br $pair)))
    (if (i32.lt_u (local.get $off) (local.get $end))
      (then
        (f32.store (i32.add (local.get $value) (local.get $off)) (f32.demote_f64 (f64.sub (f64.promote_f32 (f32.load (i32.add (local.get $value) (local.get $off)))) (f64.mul (local.get $lr) (f64.promote_f32 (f32.load (i32.add (local.get $grad) (local.get $off)))))))))))

  ;; SGD with weight decay and no momentum: value −= lr·(grad + wd·value).
  (func (export "sgd_decay") (param $value i32) (param $grad i32) (param $n i32) (param $lr f64) (param $wd f64)
    (local $off i32) (local $end2 i32) (local $end i32) (local $lr2 v128) (local $wd2 v128) (local $p2 v128) (local $p1 f64)
    (local.set $lr2 (f64x2.splat (local.get $lr)))
    (local.set $wd2 (f64x2.splat (local.get $wd)))
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (local.set $end2 (i32.and (local.get $end) (i32.const -8)))
    (block $done
      (loop $pair
        (br_if $done (i32.ge_u (local.get $off) (local.get $end2)))
        (local.set $p2 (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $value) (local.get $off)))))
        (v128.store64_lane 0 (i32.add (local.get $value) (local.get $off)) (f32x4.demote_f64x2_zero (f64x2.sub (local.get $p2) (f64x2.mul (local.get $lr2) (f64x2.add (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $grad) (local.get $off)))) (f64x2.mul (local.get $wd2) (local.get $p2)))))))
        (local.set $off (i32.add (local.get $off) (i32.const 8)))
        (br $pair)))
    (if (i32.lt_u (local.get $off) (local.get $end))
      (then
        (local.set $p1 (f64.promote_f32 (f32.load (i32.add (local.get $value) (local.get $off)))))
        (f32.store (i32.add (local.get $value) (local.get $off)) (f32.demote_f64 (f64.sub (local.get $p1) (f64.mul (local.get $lr) (f64.add (f64.promote_f32 (f32.load (i32.add (local.get $grad) (local.get $off)))) (f64.mul (local.get $wd) (local.get $p1))))))))))

  ;; SGD with momentum (sgd.ts): g = grad + wd·value, b = first ? g :
  ;; momentum·buf + g, buf = b, value −= lr·(nesterov ? g + momentum·b : b).
  (func (export "sgd_momentum") (param $value i32) (param $grad i32) (param $buf i32) (param $n i32) (param $lr f64) (param $momentum f64) (param $wd f64) (param $first i32) (param $nesterov i32)
    (local $off i32) (local $end2 i32) (local $end i32) (local $lr2 v128) (local $momentum2 v128) (local $wd2 v128) (local $first2 v128) (local $nesterov2 v128) (local $p2 v128) (local $p1 f64) (local $g2 v128) (local $g1 f64) (local $b2 v128) (local $b1 f64)
    (local.set $lr2 (f64x2.splat (local.get $lr)))
    (local.set $momentum2 (f64x2.splat (local.get $momentum)))
    (local.set $wd2 (f64x2.splat (local.get $wd)))
    (local.set $first2 (i64x2.splat (i64.extend_i32_s (i32.sub (i32.const 0) (i32.ne (local.get $first) (i32.const 0))))))
    (local.set $nesterov2 (i64x2.splat (i64.extend_i32_s (i32.sub (i32.const 0) (i32.ne (local.get $nesterov) (i32.const 0))))))
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (local.set $end2 (i32.and (local.get $end) (i32.const -8)))
    (block $done
      (loop $pair
        (br_if $done (i32.ge_u (local.get $off) (local.get $end2)))
        (local.set $p2 (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $value) (local.get $off)))))
        (local.set $g2 (f64x2.add (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $grad) (local.get $off)))) (f64x2.mul (local.get $wd2) (local.get $p2))))
        (local.set $b2 (v128.bitselect (local.get $g2) (f64x2.add (f64x2.mul (local.get $momentum2) (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $buf) (local.get $off))))) (local.get $g2)) (local.get $first2)))
        (v128.store64_lane 0 (i32.add (local.get $buf) (local.get $off)) (f32x4.demote_f64x2_zero (local.get $b2)))
        (v128.store64_lane 0 (i32.add (local.get $value) (local.get $off)) (f32x4.demote_f64x2_zero (f64x2.sub (local.get $p2) (f64x2.mul (local.get $lr2) (v128.bitselect (f64x2.add (local.get $g2) (f64x2.mul (local.get $momentum2) (local.get $b2))) (local.get $b2) (local.get $nesterov2))))))
        (local.set $off (i32.add (local.get $off) (i32.const 8)))
        (br $pair)))
    (if (i32.lt_u (local.get $off) (local.get $end))
      (then
        (local.set $p1 (f64.promote_f32 (f32.load (i32.add (local.get $value) (local.get $off)))))
        (local.set $g1 (f64.add (f64.promote_f32 (f32.load (i32.add (local.get $grad) (local.get $off)))) (f64.mul (local.get $wd) (local.get $p1))))
        (local.set $b1 (select (local.get $g1) (f64.add (f64.mul (local.get $momentum) (f64.promote_f32 (f32.load (i32.add (local.get $buf) (local.get $off))))) (local.get $g1)) (local.get $first)))
        (f32.store (i32.add (local.get $buf) (local.get $off)) (f32.demote_f64 (local.get $b1)))
        (f32.store (i32.add (local.get $value) (local.get $off)) (f32.demote_f64 (f64.sub (local.get $p1) (f64.mul (local.get $lr) (select (f64.add (local.get $g1) (f64.mul (local.get $momentum) (local.get $b1))) (local.get $b1) (local.get $nesterov)))))))))

  ;; Adam and AdamW (adam.ts): p = value·shrink, g = grad + l2·p,
  ;; m = β1·m + keep1·g, v = β2·v + keep2·g·g, value = p − stepSize·m / (√v / correction2 + eps),
  ;; with keep1 = 1 − β1 and keep2 = 1 − β2.
  (func (export "adam") (param $value i32) (param $grad i32) (param $m i32) (param $v i32) (param $n i32) (param $shrink f64) (param $l2 f64) (param $beta1 f64) (param $keep1 f64) (param $beta2 f64) (param $keep2 f64) (param $stepSize f64) (param $correction2 f64) (param $eps f64)
    (local $off i32) (local $end2 i32) (local $end i32) (local $shrink2 v128) (local $l22 v128) (local $beta12 v128) (local $keep12 v128) (local $beta22 v128) (local $keep22 v128) (local $stepSize2 v128) (local $correction22 v128) (local $eps2 v128) (local $p2 v128) (local $p1 f64) (local $g2 v128) (local $g1 f64) (local $m2 v128) (local $m1 f64) (local $v2 v128) (local $v1 f64)
    (local.set $shrink2 (f64x2.splat (local.get $shrink)))
    (local.set $l22 (f64x2.splat (local.get $l2)))
    (local.set $beta12 (f64x2.splat (local.get $beta1)))
    (local.set $keep12 (f64x2.splat (local.get $keep1)))
    (local.set $beta22 (f64x2.splat (local.get $beta2)))
    (local.set $keep22 (f64x2.splat (local.get $keep2)))
    (local.set $stepSize2 (f64x2.splat (local.get $stepSize)))
    (local.set $correction22 (f64x2.splat (local.get $correction2)))
    (local.set $eps2 (f64x2.splat (local.get $eps)))
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (local.set $end2 (i32.and (local.get $end) (i32.const -8)))
    (block $done
      (loop $pair
        (br_if $done (i32.ge_u (local.get $off) (local.get $end2)))
        (local.set $p2 (f64x2.mul (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $value) (local.get $off)))) (local.get $shrink2)))
        (local.set $g2 (f64x2.add (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $grad) (local.get $off)))) (f64x2.mul (local.get $l22) (local.get $p2))))
        (local.set $m2 (f64x2.add (f64x2.mul (local.get $beta12) (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $m) (local.get $off))))) (f64x2.mul (local.get $keep12) (local.get $g2))))
        (local.set $v2 (f64x2.add (f64x2.mul (local.get $beta22) (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $v) (local.get $off))))) (f64x2.mul (f64x2.mul (local.get $keep22) (local.get $g2)) (local.get $g2))))
        (v128.store64_lane 0 (i32.add (local.get $m) (local.get $off)) (f32x4.demote_f64x2_zero (local.get $m2)))
        (v128.store64_lane 0 (i32.add (local.get $v) (local.get $off)) (f32x4.demote_f64x2_zero (local.get $v2)))
        (v128.store64_lane 0 (i32.add (local.get $value) (local.get $off)) (f32x4.demote_f64x2_zero (f64x2.sub (local.get $p2) (f64x2.div (f64x2.mul (local.get $stepSize2) (local.get $m2)) (f64x2.add (f64x2.div (f64x2.sqrt (local.get $v2)) (local.get $correction22)) (local.get $eps2))))))
        (local.set $off (i32.add (local.get $off) (i32.const 8)))
        (br $pair)))
    (if (i32.lt_u (local.get $off) (local.get $end))
      (then
        (local.set $p1 (f64.mul (f64.promote_f32 (f32.load (i32.add (local.get $value) (local.get $off)))) (local.get $shrink)))
        (local.set $g1 (f64.add (f64.promote_f32 (f32.load (i32.add (local.get $grad) (local.get $off)))) (f64.mul (local.get $l2) (local.get $p1))))
        (local.set $m1 (f64.add (f64.mul (local.get $beta1) (f64.promote_f32 (f32.load (i32.add (local.get $m) (local.get $off))))) (f64.mul (local.get $keep1) (local.get $g1))))
        (local.set $v1 (f64.add (f64.mul (local.get $beta2) (f64.promote_f32 (f32.load (i32.add (local.get $v) (local.get $off))))) (f64.mul (f64.mul (local.get $keep2) (local.get $g1)) (local.get $g1))))
        (f32.store (i32.add (local.get $m) (local.get $off)) (f32.demote_f64 (local.get $m1)))
        (f32.store (i32.add (local.get $v) (local.get $off)) (f32.demote_f64 (local.get $v1)))
        (f32.store (i32.add (local.get $value) (local.get $off)) (f32.demote_f64 (f64.sub (local.get $p1) (f64.div (f64.mul (local.get $stepSize) (local.get $m1)) (f64.add (f64.div (f64.sqrt (local.get $v1)) (local.get $correction2)) (local.get $eps)))))))))

  ;; RMSprop (rmsprop.ts): g = grad + wd·value, s = ρ·sq + keep·g·g (keep = 1 − ρ),
  ;; sq = s, value −= lr·g / (√s + eps).
  (func (export "rmsprop") (param $value i32) (param $grad i32) (param $sq i32) (param $n i32) (param $lr f64) (param $rho f64) (param $keep f64) (param $eps f64) (param $wd f64)
    (local $off i32) (local $end2 i32) (local $end i32) (local $lr2 v128) (local $rho2 v128) (local $keep2 v128) (local $eps2 v128) (local $wd2 v128) (local $p2 v128) (local $p1 f64) (local $g2 v128) (local $g1 f64) (local $s2 v128) (local $s1 f64)
    (local.set $lr2 (f64x2.splat (local.get $lr)))
    (local.set $rho2 (f64x2.splat (local.get $rho)))
    (local.set $keep2 (f64x2.splat (local.get $keep)))
    (local.set $eps2 (f64x2.splat (local.get $eps)))
    (local.set $wd2 (f64x2.splat (local.get $wd)))
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (local.set $end2 (i32.and (local.get $end) (i32.const -8)))
    (block $done
      (loop $pair
        (br_if $done (i32.ge_u (local.get $off) (local.get $end2)))
        (local.set $p2 (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $value) (local.get $off)))))
        (local.set $g2 (f64x2.add (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $grad) (local.get $off)))) (f64x2.mul (local.get $wd2) (local.get $p2))))
        (local.set $s2 (f64x2.add (f64x2.mul (local.get $rho2) (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $sq) (local.get $off))))) (f64x2.mul (f64x2.mul (local.get $keep2) (local.get $g2)) (local.get $g2))))
        (v128.store64_lane 0 (i32.add (local.get $sq) (local.get $off)) (f32x4.demote_f64x2_zero (local.get $s2)))
        (v128.store64_lane 0 (i32.add (local.get $value) (local.get $off)) (f32x4.demote_f64x2_zero (f64x2.sub (local.get $p2) (f64x2.div (f64x2.mul (local.get $lr2) (local.get $g2)) (f64x2.add (f64x2.sqrt (local.get $s2)) (local.get $eps2))))))
        (local.set $off (i32.add (local.get $off) (i32.const 8)))
        (br $pair)))
    (if (i32.lt_u (local.get $off) (local.get $end))
      (then
        (local.set $p1 (f64.promote_f32 (f32.load (i32.add (local.get $value) (local.get $off)))))
        (local.set $g1 (f64.add (f64.promote_f32 (f32.load (i32.add (local.get $grad) (local.get $off)))) (f64.mul (local.get $wd) (local.get $p1))))
        (local.set $s1 (f64.add (f64.mul (local.get $rho) (f64.promote_f32 (f32.load (i32.add (local.get $sq) (local.get $off))))) (f64.mul (f64.mul (local.get $keep) (local.get $g1)) (local.get $g1))))
        (f32.store (i32.add (local.get $sq) (local.get $off)) (f32.demote_f64 (local.get $s1)))
        (f32.store (i32.add (local.get $value) (local.get $off)) (f32.demote_f64 (f64.sub (local.get $p1) (f64.div (f64.mul (local.get $lr) (local.get $g1)) (f64.add (f64.sqrt (local.get $s1)) (local.get $eps)))))))))
)
