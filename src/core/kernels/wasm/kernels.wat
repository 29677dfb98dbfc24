;; Dense kernels in WebAssembly SIMD (128-bit, f32x4), the fast path of
;; src/core/kernels/types.ts. Matrices are row-major float32; every pointer
;; is a byte address in the imported memory. Each layout has its own inner
;; loop shaped so that every operand it streams is contiguous:
;;   gemm_nt  C = A·Bᵀ (+bias)  dot products along k, 4×2 block of C
;;   gemm_nn  C = A·B           broadcast A[i,p] over B's row p, 4×8 block
;;   gemm_tn  C = Aᵀ·B          broadcast A[p,i] over B's row p, 4×8 block
;; and relu, run on gemm_nt's output while it is still in cache.
;; Rows and columns that do not fill a block go through scalar loops.
;; Assembled by scripts/build-wasm.mjs (wabt) into kernels-binary.ts.
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

  ;; C[m×n] = A[m×k] · B[n×k]ᵀ, plus bias[n] on every row when $bias ≠ 0.
  (func (export "gemm_nt")
    (param $m i32) (param $n i32) (param $k i32)
    (param $a i32) (param $b i32) (param $c i32) (param $bias i32)
    (local $i i32) (local $j i32) (local $m4 i32) (local $n2 i32)
    (local $kb i32) (local $nb i32) (local $end4 i32) (local $end i32) (local $off i32)
    (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32) (local $b0 i32) (local $b1 i32)
    (local $crow i32) (local $d0 f32) (local $d1 f32)
    (local $x v128) (local $y0 v128) (local $y1 v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $s00 f32) (local $s01 f32) (local $s10 f32) (local $s11 f32)
    (local $s20 f32) (local $s21 f32) (local $s30 f32) (local $s31 f32)
    (local $xs f32) (local $ys0 f32) (local $ys1 f32)
    (local.set $m4 (i32.and (local.get $m) (i32.const -4)))
    (local.set $n2 (i32.and (local.get $n) (i32.const -2)))
    (local.set $kb (i32.shl (local.get $k) (i32.const 2)))
    (local.set $nb (i32.shl (local.get $n) (i32.const 2)))
    (local.set $end (local.get $kb))
    (local.set $end4 (i32.and (local.get $kb) (i32.const -16)))
    (local.set $i (i32.const 0))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $i) (local.get $m4)))
        (local.set $a0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $kb))))
        (local.set $a1 (i32.add (local.get $a0) (local.get $kb)))
        (local.set $a2 (i32.add (local.get $a1) (local.get $kb)))
        (local.set $a3 (i32.add (local.get $a2) (local.get $kb)))
        (local.set $j (i32.const 0))
        (block $cols_done
          (loop $cols
            (br_if $cols_done (i32.ge_u (local.get $j) (local.get $n2)))
            (local.set $b0 (i32.add (local.get $b) (i32.mul (local.get $j) (local.get $kb))))
            (local.set $b1 (i32.add (local.get $b0) (local.get $kb)))
            (local.set $c00 (v128.const i32x4 0 0 0 0)) (local.set $c01 (v128.const i32x4 0 0 0 0))
            (local.set $c10 (v128.const i32x4 0 0 0 0)) (local.set $c11 (v128.const i32x4 0 0 0 0))
            (local.set $c20 (v128.const i32x4 0 0 0 0)) (local.set $c21 (v128.const i32x4 0 0 0 0))
            (local.set $c30 (v128.const i32x4 0 0 0 0)) (local.set $c31 (v128.const i32x4 0 0 0 0))
            (local.set $off (i32.const 0))
            (block $k_done
              (loop $k_loop
                (br_if $k_done (i32.ge_u (local.get $off) (local.get $end4)))
                (local.set $y0 (v128.load (i32.add (local.get $b0) (local.get $off))))
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
            ;; k mod 4 leftover terms
            (block $tail_done
              (loop $tail
                (br_if $tail_done (i32.ge_u (local.get $off) (local.get $end)))
                (local.set $ys0 (f32.load (i32.add (local.get $b0) (local.get $off))))
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
            (local.set $d0 (f32.const 0)) (local.set $d1 (f32.const 0))
            (if (local.get $bias)
              (then
                (local.set $d0 (f32.load (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2)))))
                (local.set $d1 (f32.load offset=4 (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2)))))))
            (local.set $crow (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 2))))
            (f32.store (local.get $crow) (f32.add (local.get $s00) (local.get $d0)))
            (f32.store offset=4 (local.get $crow) (f32.add (local.get $s01) (local.get $d1)))
            (local.set $crow (i32.add (local.get $crow) (local.get $nb)))
            (f32.store (local.get $crow) (f32.add (local.get $s10) (local.get $d0)))
            (f32.store offset=4 (local.get $crow) (f32.add (local.get $s11) (local.get $d1)))
            (local.set $crow (i32.add (local.get $crow) (local.get $nb)))
            (f32.store (local.get $crow) (f32.add (local.get $s20) (local.get $d0)))
            (f32.store offset=4 (local.get $crow) (f32.add (local.get $s21) (local.get $d1)))
            (local.set $crow (i32.add (local.get $crow) (local.get $nb)))
            (f32.store (local.get $crow) (f32.add (local.get $s30) (local.get $d0)))
            (f32.store offset=4 (local.get $crow) (f32.add (local.get $s31) (local.get $d1)))
            (local.set $j (i32.add (local.get $j) (i32.const 2)))
            (br $cols)))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $rows)))
    ;; Leftovers: the last column of the blocked rows when n is odd, then the last m mod 4 rows.
    (local.set $i (i32.const 0))
    (block $edge_rows_done
      (loop $edge_rows
        (br_if $edge_rows_done (i32.ge_u (local.get $i) (local.get $m)))
        (local.set $j (select (local.get $n2) (i32.const 0) (i32.lt_u (local.get $i) (local.get $m4))))
        (block $edge_cols_done
          (loop $edge_cols
            (br_if $edge_cols_done (i32.ge_u (local.get $j) (local.get $n)))
            (local.set $xs
              (call $dot
                (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $kb)))
                (i32.add (local.get $b) (i32.mul (local.get $j) (local.get $kb)))
                (local.get $k)))
            (if (local.get $bias)
              (then (local.set $xs (f32.add (local.get $xs) (f32.load (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2))))))))
            (f32.store
              (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 2)))
              (local.get $xs))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $edge_cols)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $edge_rows))))

  ;; C[m×n] = A[m×k] · B[k×n].
  (func (export "gemm_nn")
    (param $m i32) (param $n i32) (param $k i32)
    (param $a i32) (param $b i32) (param $c i32)
    (local $i i32) (local $j i32) (local $p i32) (local $m4 i32) (local $n8 i32)
    (local $kb i32) (local $nb i32) (local $ap i32) (local $bp i32) (local $aend i32) (local $crow i32)
    (local $sum f32)
    (local $x v128) (local $y0 v128) (local $y1 v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local.set $m4 (i32.and (local.get $m) (i32.const -4)))
    (local.set $n8 (i32.and (local.get $n) (i32.const -8)))
    (local.set $kb (i32.shl (local.get $k) (i32.const 2)))
    (local.set $nb (i32.shl (local.get $n) (i32.const 2)))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $i) (local.get $m4)))
        (local.set $j (i32.const 0))
        (block $cols_done
          (loop $cols
            (br_if $cols_done (i32.ge_u (local.get $j) (local.get $n8)))
            (local.set $c00 (v128.const i32x4 0 0 0 0)) (local.set $c01 (v128.const i32x4 0 0 0 0))
            (local.set $c10 (v128.const i32x4 0 0 0 0)) (local.set $c11 (v128.const i32x4 0 0 0 0))
            (local.set $c20 (v128.const i32x4 0 0 0 0)) (local.set $c21 (v128.const i32x4 0 0 0 0))
            (local.set $c30 (v128.const i32x4 0 0 0 0)) (local.set $c31 (v128.const i32x4 0 0 0 0))
            ;; $ap walks row i of A; rows i+1..i+3 are $kb, 2·$kb, 3·$kb further on.
            (local.set $ap (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $kb))))
            (local.set $aend (i32.add (local.get $ap) (local.get $kb)))
            (local.set $bp (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))
            (block $k_done
              (loop $k_loop
                (br_if $k_done (i32.ge_u (local.get $ap) (local.get $aend)))
                (local.set $y0 (v128.load (local.get $bp)))
                (local.set $y1 (v128.load offset=16 (local.get $bp)))
                (local.set $x (v128.load32_splat (local.get $ap)))
                (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $x) (local.get $y0))))
                (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $x) (local.get $y1))))
                (local.set $x (v128.load32_splat (i32.add (local.get $ap) (local.get $kb))))
                (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $x) (local.get $y0))))
                (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $x) (local.get $y1))))
                (local.set $x (v128.load32_splat (i32.add (local.get $ap) (i32.shl (local.get $kb) (i32.const 1)))))
                (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $x) (local.get $y0))))
                (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $x) (local.get $y1))))
                (local.set $x (v128.load32_splat (i32.add (local.get $ap) (i32.mul (local.get $kb) (i32.const 3)))))
                (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $x) (local.get $y0))))
                (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $x) (local.get $y1))))
                (local.set $ap (i32.add (local.get $ap) (i32.const 4)))
                (local.set $bp (i32.add (local.get $bp) (local.get $nb)))
                (br $k_loop)))
            (local.set $crow (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 2))))
            (v128.store (local.get $crow) (local.get $c00))
            (v128.store offset=16 (local.get $crow) (local.get $c01))
            (local.set $crow (i32.add (local.get $crow) (local.get $nb)))
            (v128.store (local.get $crow) (local.get $c10))
            (v128.store offset=16 (local.get $crow) (local.get $c11))
            (local.set $crow (i32.add (local.get $crow) (local.get $nb)))
            (v128.store (local.get $crow) (local.get $c20))
            (v128.store offset=16 (local.get $crow) (local.get $c21))
            (local.set $crow (i32.add (local.get $crow) (local.get $nb)))
            (v128.store (local.get $crow) (local.get $c30))
            (v128.store offset=16 (local.get $crow) (local.get $c31))
            (local.set $j (i32.add (local.get $j) (i32.const 8)))
            (br $cols)))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $rows)))
    ;; Leftovers: the last n mod 8 columns of the blocked rows, then the last m mod 4 rows.
    (local.set $i (i32.const 0))
    (block $edge_rows_done
      (loop $edge_rows
        (br_if $edge_rows_done (i32.ge_u (local.get $i) (local.get $m)))
        (local.set $j (select (local.get $n8) (i32.const 0) (i32.lt_u (local.get $i) (local.get $m4))))
        (block $edge_cols_done
          (loop $edge_cols
            (br_if $edge_cols_done (i32.ge_u (local.get $j) (local.get $n)))
            (local.set $sum (f32.const 0))
            (local.set $ap (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $kb))))
            (local.set $aend (i32.add (local.get $ap) (local.get $kb)))
            (local.set $bp (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))
            (block $k_done
              (loop $k_loop
                (br_if $k_done (i32.ge_u (local.get $ap) (local.get $aend)))
                (local.set $sum (f32.add (local.get $sum) (f32.mul (f32.load (local.get $ap)) (f32.load (local.get $bp)))))
                (local.set $ap (i32.add (local.get $ap) (i32.const 4)))
                (local.set $bp (i32.add (local.get $bp) (local.get $nb)))
                (br $k_loop)))
            (f32.store
              (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 2)))
              (local.get $sum))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $edge_cols)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $edge_rows))))

  ;; C[m×n] = A[k×m]ᵀ · B[k×n].
  (func (export "gemm_tn")
    (param $m i32) (param $n i32) (param $k i32)
    (param $a i32) (param $b i32) (param $c i32)
    (local $i i32) (local $j i32) (local $p i32) (local $m4 i32) (local $n8 i32)
    (local $mb i32) (local $nb i32) (local $ap i32) (local $bp i32) (local $crow i32)
    (local $sum f32)
    (local $x v128) (local $y0 v128) (local $y1 v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local.set $m4 (i32.and (local.get $m) (i32.const -4)))
    (local.set $n8 (i32.and (local.get $n) (i32.const -8)))
    (local.set $mb (i32.shl (local.get $m) (i32.const 2)))
    (local.set $nb (i32.shl (local.get $n) (i32.const 2)))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $i) (local.get $m4)))
        (local.set $j (i32.const 0))
        (block $cols_done
          (loop $cols
            (br_if $cols_done (i32.ge_u (local.get $j) (local.get $n8)))
            (local.set $c00 (v128.const i32x4 0 0 0 0)) (local.set $c01 (v128.const i32x4 0 0 0 0))
            (local.set $c10 (v128.const i32x4 0 0 0 0)) (local.set $c11 (v128.const i32x4 0 0 0 0))
            (local.set $c20 (v128.const i32x4 0 0 0 0)) (local.set $c21 (v128.const i32x4 0 0 0 0))
            (local.set $c30 (v128.const i32x4 0 0 0 0)) (local.set $c31 (v128.const i32x4 0 0 0 0))
            ;; Row p of A holds A[p, i..i+3] side by side: constant offsets 0, 4, 8, 12.
            (local.set $ap (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 2))))
            (local.set $bp (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))
            (local.set $p (i32.const 0))
            (block $k_done
              (loop $k_loop
                (br_if $k_done (i32.ge_u (local.get $p) (local.get $k)))
                (local.set $y0 (v128.load (local.get $bp)))
                (local.set $y1 (v128.load offset=16 (local.get $bp)))
                (local.set $x (v128.load32_splat (local.get $ap)))
                (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $x) (local.get $y0))))
                (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $x) (local.get $y1))))
                (local.set $x (v128.load32_splat offset=4 (local.get $ap)))
                (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $x) (local.get $y0))))
                (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $x) (local.get $y1))))
                (local.set $x (v128.load32_splat offset=8 (local.get $ap)))
                (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $x) (local.get $y0))))
                (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $x) (local.get $y1))))
                (local.set $x (v128.load32_splat offset=12 (local.get $ap)))
                (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $x) (local.get $y0))))
                (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $x) (local.get $y1))))
                (local.set $ap (i32.add (local.get $ap) (local.get $mb)))
                (local.set $bp (i32.add (local.get $bp) (local.get $nb)))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br $k_loop)))
            (local.set $crow (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 2))))
            (v128.store (local.get $crow) (local.get $c00))
            (v128.store offset=16 (local.get $crow) (local.get $c01))
            (local.set $crow (i32.add (local.get $crow) (local.get $nb)))
            (v128.store (local.get $crow) (local.get $c10))
            (v128.store offset=16 (local.get $crow) (local.get $c11))
            (local.set $crow (i32.add (local.get $crow) (local.get $nb)))
            (v128.store (local.get $crow) (local.get $c20))
            (v128.store offset=16 (local.get $crow) (local.get $c21))
            (local.set $crow (i32.add (local.get $crow) (local.get $nb)))
            (v128.store (local.get $crow) (local.get $c30))
            (v128.store offset=16 (local.get $crow) (local.get $c31))
            (local.set $j (i32.add (local.get $j) (i32.const 8)))
            (br $cols)))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $rows)))
    ;; Leftovers: the last n mod 8 columns of the blocked rows, then the last m mod 4 rows.
    (local.set $i (i32.const 0))
    (block $edge_rows_done
      (loop $edge_rows
        (br_if $edge_rows_done (i32.ge_u (local.get $i) (local.get $m)))
        (local.set $j (select (local.get $n8) (i32.const 0) (i32.lt_u (local.get $i) (local.get $m4))))
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
            (f32.store
              (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 2)))
              (local.get $sum))
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
        (br $tail)))))
