//! The runtime the benchmarks run on: two worker threads, as the 2-core machine their figures
//! in README come from.

/// Runs `future` to completion on a fresh two-worker runtime.
pub fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(future)
}
