/**
 * Detectors of technical risk (issue 5: outages, degradation, silent traffic loss) and of attacks
 * (issue 6: TDoS, IVR brute force, credential stuffing, DDoS), as plain Java for keyed Flink
 * operators to call.
 *
 * <p>Every detector follows the shape of {@link io.cscmon.core.rule.RuleEvaluator}: an immutable,
 * serializable detector object holds the configuration; a mutable state class with public fields
 * and primitive arrays (so Flink keeps it with its POJO serializer, never Kryo) holds what one key
 * remembers. The operator calls {@code onEvent(state, event)} per event and {@code onTimer(state,
 * now)} per timer, registers a timer at {@code nextTimer(state)}, and emits the returned alert
 * state changes. Time is always event time passed in by the caller; nothing here reads a clock, so
 * a processing-time fallback can drive the same methods with its own "now".
 */
package io.cscmon.core.detect;
