#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| yusuan::core::formats::probe::verify_pdf(data));
