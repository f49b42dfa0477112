/**
 * Memory: letting go at once of what a phase of the data step is done with.
 *
 * A typed array's memory lies outside V8's heap, and V8 returns it only when it next collects the whole heap,
 * which it does rarely while the heap is large: at a million applications the merge indexes, the column
 * batches from the worker threads and the arrays they outgrew, hundreds of megabytes in all, were all still
 * held when the reading ended, and set the data step's peak memory. Detaching an array's buffer (moving it to
 * a zero-length one) frees it at once.
 */

/** Frees `array`'s memory now; `array` is empty afterwards (and so is every other view of its buffer). */
export function free(array: Int32Array | Float64Array | Uint8Array): void {
  if (array.buffer.byteLength > 0) (array.buffer as ArrayBuffer).transfer(0);
}
