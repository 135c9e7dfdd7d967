//! A PDF's text layer with positions, rebuilt into the lines and cells the table reader
//! takes (issue 25). `lopdf` parses the file, its fonts' encodings (CID fonts with Identity-H
//! and ToUnicode maps, as WPS and Office write them) and each page's content; this module
//! follows the content's text state — the text and graphics matrices, the font and its size —
//! to place every shown string, then groups them into lines by height and into cells by the
//! gaps between them. A cell stands where its text ends (in points): right-aligned amounts
//! line up in columns as in `pdftotext -layout`. Widths are estimated (half an em for ASCII,
//! a full em otherwise): enough to tell columns apart, not to typeset.

use super::layout::{Cell, DocLine, LineKind};
use lopdf::{Document, Encoding, Object};
use std::collections::BTreeMap;

/// The largest PDF read (a 500-page document is a few MB).
pub const MAX_PDF_BYTES: usize = 50 * 1024 * 1024;
/// The most pages read.
pub const MAX_PAGES: usize = 1000;
/// The most bytes of one page's (decompressed) content.
pub const MAX_CONTENT_BYTES: usize = 16 * 1024 * 1024;
/// The most page content inflated for one document (1,000 pages of 16 MB would take minutes).
pub const MAX_DOCUMENT_CONTENT: usize = 256 * 1024 * 1024;

/// A string shown on a page: where it starts and ends, its height and text.
#[derive(Clone, Debug)]
struct Run {
    x: f32,
    right: f32,
    y: f32,
    size: f32,
    text: String,
}

type Matrix = [f32; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn mul(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

fn translate(tx: f32, ty: f32) -> Matrix {
    [1.0, 0.0, 0.0, 1.0, tx, ty]
}

fn nums(ops: &[Object]) -> Vec<f32> {
    ops.iter().filter_map(|o| o.as_float().ok()).collect()
}

/// The text state while a page's content is followed.
struct State<'a> {
    ctm: Matrix,
    stack: Vec<Matrix>,
    tm: Matrix,
    tlm: Matrix,
    size: f32,
    leading: f32,
    encoding: Option<&'a Encoding<'a>>,
}

/// Reads a PDF into lines; a clear message for what cannot be read.
pub fn lines(bytes: &[u8]) -> Result<Vec<DocLine>, String> {
    if bytes.len() > MAX_PDF_BYTES {
        return Err(format!(
            "PDF 文件过大（{} MB，最多 {} MB）",
            bytes.len() / (1024 * 1024),
            MAX_PDF_BYTES / (1024 * 1024)
        ));
    }
    if !bytes.starts_with(b"%PDF") {
        return Err("不是 PDF 文件".into());
    }
    object_streams_within_limits(bytes)?;
    let doc =
        Document::load_mem(bytes).map_err(|_| "PDF 文件已损坏或不完整，无法读取".to_string())?;
    // An encrypted file that opens without a password (an owner password only restricts
    // printing or copying, as many published documents do) was decrypted on loading.
    if doc.is_encrypted() && doc.encryption_state.is_none() {
        return Err("PDF 文件已加密，需要密码才能打开：请使用未加密的文件".into());
    }
    let pages = doc.get_pages();
    if pages.len() > MAX_PAGES {
        return Err(format!(
            "PDF 有 {} 页，最多读取 {MAX_PAGES} 页",
            pages.len()
        ));
    }
    let mut out = Vec::new();
    let mut read = 0;
    for (number, id) in pages {
        let (runs, content) = page_runs(&doc, id, read)?;
        read += content;
        out.extend(page_lines(runs, number as usize, out.len()));
    }
    if out.is_empty() {
        return Err("没有文字层：请使用可复制文字的PDF（本工具不做文字识别）".into());
    }
    Ok(out)
}

/// The most an object or cross-reference stream may inflate to (they hold objects and
/// offsets: a few hundred KB in a real document).
pub const MAX_OBJECT_STREAM: usize = 64 * 1024 * 1024;

/// `lopdf` inflates object and cross-reference streams while it loads a file, without a
/// limit: each such stream (a dictionary naming /ObjStm or /XRef, then `stream`) is inflated
/// here first with a cap, so a small stream that would inflate to gigabytes is refused before
/// the loader sees it.
fn object_streams_within_limits(bytes: &[u8]) -> Result<(), String> {
    use std::io::Read;
    let mut total = 0usize;
    let mut at = 0;
    while let Some(found) = find(&bytes[at..], b"/Type") {
        let start = at + found;
        at = start + 5;
        let name = &bytes[at..bytes.len().min(at + 12)];
        let name = name.strip_prefix(b" ").unwrap_or(name);
        if !(name.starts_with(b"/ObjStm") || name.starts_with(b"/XRef")) {
            continue;
        }
        let window = &bytes[at..bytes.len().min(at + 4096)];
        let Some(k) = find(window, b"stream") else {
            continue;
        };
        let mut data = at + k + b"stream".len();
        data += bytes[data..]
            .iter()
            .take(2)
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .count();
        let room = (MAX_OBJECT_STREAM + 1) as u64;
        let mut sink = Vec::new();
        let _ = flate2::read::ZlibDecoder::new(&bytes[data..])
            .take(room)
            .read_to_end(&mut sink);
        total += sink.len();
        if sink.len() > MAX_OBJECT_STREAM || total > MAX_DOCUMENT_CONTENT {
            return Err("PDF 内含的对象流解压后过大，无法读取".into());
        }
    }
    Ok(())
}

/// Where `needle` first occurs in `hay`.
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The deepest nesting of arrays and dictionaries a page's content may have (the content
/// parser recurses; a crafted page would overflow its stack).
const MAX_NESTING: usize = 64;

/// A page's content streams, decompressed up to `MAX_CONTENT_BYTES` (a small stream that
/// inflates to gigabytes is refused as it inflates, not after).
fn page_content(doc: &Document, id: lopdf::ObjectId) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let too_large = || "PDF 某页的内容过大，无法读取".to_string();
    let mut out = Vec::new();
    for sid in doc.get_page_contents(id) {
        let Ok(stream) = doc.get_object(sid).and_then(Object::as_stream) else {
            continue;
        };
        let filters = stream.filters().unwrap_or_default();
        let room = (MAX_CONTENT_BYTES - out.len()) as u64 + 1;
        match filters.as_slice() {
            [] => out.extend_from_slice(&stream.content),
            [f] if *f == b"FlateDecode" => {
                let mut z = flate2::read::ZlibDecoder::new(stream.content.as_slice()).take(room);
                z.read_to_end(&mut out)
                    .map_err(|_| "PDF 页面内容无法解压".to_string())?;
            }
            // Other filters (rare for page content): decoded by lopdf, after a size check of
            // the encoded stream.
            _ if stream.content.len() <= MAX_CONTENT_BYTES / 64 => {
                out.extend(stream.decompressed_content().unwrap_or_default())
            }
            _ => return Err(too_large()),
        }
        if out.len() > MAX_CONTENT_BYTES {
            return Err(too_large());
        }
    }
    Ok(out)
}

/// How deeply arrays and dictionaries nest in content (strings skipped).
fn nesting(data: &[u8]) -> usize {
    let (mut depth, mut deepest, mut string, mut escaped) = (0usize, 0usize, 0usize, false);
    let mut i = 0;
    while i < data.len() {
        let b = data[i];
        if string > 0 {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'(' => string += 1,
                b')' => string -= 1,
                _ => {}
            }
        } else {
            match b {
                b'(' => string = 1,
                b'[' => depth += 1,
                b'<' if data.get(i + 1) == Some(&b'<') => {
                    depth += 1;
                    i += 1;
                }
                b']' => depth = depth.saturating_sub(1),
                b'>' if data.get(i + 1) == Some(&b'>') => {
                    depth = depth.saturating_sub(1);
                    i += 1;
                }
                _ => {}
            }
            deepest = deepest.max(depth);
        }
        i += 1;
    }
    deepest
}

/// Every string a page shows, placed.
/// A page's shown strings placed, and how many bytes of content it inflated to (`read`: how
/// many the pages before it did; past the document's limit nothing more is parsed).
fn page_runs(
    doc: &Document,
    id: lopdf::ObjectId,
    read: usize,
) -> Result<(Vec<Run>, usize), String> {
    let fonts = doc.get_page_fonts(id).unwrap_or_default();
    let encodings: BTreeMap<Vec<u8>, Encoding> = fonts
        .into_iter()
        .filter_map(|(name, font)| font.get_font_encoding(doc).ok().map(|e| (name, e)))
        .collect();
    let data = page_content(doc, id)?;
    if read + data.len() > MAX_DOCUMENT_CONTENT {
        return Err(format!(
            "PDF 的页面内容解压后超过 {} MB，无法读取",
            MAX_DOCUMENT_CONTENT / (1024 * 1024)
        ));
    }
    if nesting(&data) > MAX_NESTING {
        return Err("PDF 页面内容嵌套过深，无法读取".into());
    }
    let content =
        lopdf::content::Content::decode(&data).map_err(|_| "PDF 页面内容已损坏".to_string())?;
    let mut s = State {
        ctm: IDENTITY,
        stack: Vec::new(),
        tm: IDENTITY,
        tlm: IDENTITY,
        size: 12.0,
        leading: 0.0,
        encoding: None,
    };
    let mut runs = Vec::new();
    for op in &content.operations {
        step(&mut s, &encodings, &op.operator, &op.operands, &mut runs);
    }
    Ok((runs, data.len()))
}

/// One content operator: the state it changes, the string it shows.
fn step<'a>(
    s: &mut State<'a>,
    encodings: &'a BTreeMap<Vec<u8>, Encoding<'a>>,
    operator: &str,
    operands: &[Object],
    runs: &mut Vec<Run>,
) {
    let n = nums(operands);
    match operator {
        "q" if s.stack.len() < 256 => s.stack.push(s.ctm),
        "Q" => s.ctm = s.stack.pop().unwrap_or(IDENTITY),
        "cm" if n.len() == 6 => s.ctm = mul(&[n[0], n[1], n[2], n[3], n[4], n[5]], &s.ctm),
        "BT" => {
            s.tm = IDENTITY;
            s.tlm = IDENTITY;
        }
        "Tf" => {
            s.encoding = operands
                .first()
                .and_then(|o| o.as_name().ok())
                .and_then(|name| encodings.get(name));
            if let Some(size) = n.first() {
                s.size = *size;
            }
        }
        "TL" if !n.is_empty() => s.leading = n[0],
        "Td" | "TD" if n.len() == 2 => {
            if operator == "TD" {
                s.leading = -n[1];
            }
            s.tlm = mul(&translate(n[0], n[1]), &s.tlm);
            s.tm = s.tlm;
        }
        "Tm" if n.len() == 6 => {
            s.tlm = [n[0], n[1], n[2], n[3], n[4], n[5]];
            s.tm = s.tlm;
        }
        "T*" => next_line(s),
        "Tj" | "TJ" | "'" | "\"" => {
            if operator != "Tj" && operator != "TJ" {
                next_line(s);
            }
            if let Some(run) = show(s, operands) {
                runs.push(run);
            }
        }
        _ => {}
    }
}

fn next_line(s: &mut State) {
    s.tlm = mul(&translate(0.0, -s.leading), &s.tlm);
    s.tm = s.tlm;
}

/// The text of a show operator's strings (a TJ's large negative kerning is a space).
fn decoded(encoding: &Encoding, operands: &[Object]) -> String {
    let mut text = String::new();
    for o in operands {
        match o {
            Object::String(bytes, _) => {
                text.push_str(&Document::decode_text(encoding, bytes).unwrap_or_default())
            }
            Object::Array(items) => {
                for i in items {
                    match i {
                        Object::String(bytes, _) => text
                            .push_str(&Document::decode_text(encoding, bytes).unwrap_or_default()),
                        other => {
                            if other.as_float().is_ok_and(|k| k < -300.0) {
                                text.push(' ');
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    text
}

/// A shown string, placed by the text and graphics matrices; the text matrix moves past it.
fn show(s: &mut State, operands: &[Object]) -> Option<Run> {
    let encoding = s.encoding?;
    let text = decoded(encoding, operands);
    let ems: f32 = text
        .chars()
        .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
        .sum();
    let start = mul(&s.tm, &s.ctm);
    s.tm = mul(&translate(ems * s.size, 0.0), &s.tm);
    let end = mul(&s.tm, &s.ctm);
    let size = (s.size * (start[3].abs().max(start[0].abs()))).max(1.0);
    let text = text.trim().to_string();
    (!text.is_empty()).then_some(Run {
        x: start[4],
        right: end[4],
        y: start[5],
        size,
        text,
    })
}

/// A page's runs as lines (top to bottom, by height) of cells (left to right, split where
/// the gap is wider than half the text's height).
fn page_lines(mut runs: Vec<Run>, page: usize, before: usize) -> Vec<DocLine> {
    runs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut groups: Vec<Vec<Run>> = Vec::new();
    for r in runs {
        match groups.last_mut() {
            Some(g) if (g[0].y - r.y).abs() <= g[0].size.max(r.size) * 0.45 => g.push(r),
            _ => groups.push(vec![r]),
        }
    }
    groups
        .into_iter()
        .enumerate()
        .map(|(i, mut g)| {
            g.sort_by(|a, b| a.x.total_cmp(&b.x));
            let cells = cells_of(&g);
            DocLine {
                page,
                number: before + i + 1,
                text: cells
                    .iter()
                    .map(|c| c.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
                cells,
                kind: LineKind::Placed,
            }
        })
        .collect()
}

fn cells_of(runs: &[Run]) -> Vec<Cell> {
    let mut cells: Vec<(String, f32, f32)> = Vec::new();
    let mut last_right = f32::MIN;
    for r in runs {
        let gap = r.x - last_right;
        match cells.last_mut() {
            Some((text, right, _)) if gap < r.size * 0.5 => {
                text.push_str(&r.text);
                *right = r.right;
            }
            _ => cells.push((r.text.clone(), r.right, r.x)),
        }
        last_right = r.right;
    }
    cells
        .into_iter()
        .map(|(text, right, left)| Cell {
            text,
            at: right.max(0.0).round() as usize,
            start: left.max(0.0).round() as usize,
        })
        .collect()
}
