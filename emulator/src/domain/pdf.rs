//! The PDFs the service hands out, made with `lopdf`: the signed (or current) copy of a
//! document with each captured signature drawn where its field is, its flattened form, and
//! text documents (the consent document, the evidence summary, and a stand-in for a
//! document whose file the emulator cannot read as a PDF).

use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Dictionary, Document, Object, ObjectId, Stream};

/// US Letter, in points: the size of pages the emulator writes, and the size assumed for a
/// page whose `MediaBox` cannot be read.
const LETTER: [f32; 4] = [0.0, 0.0, 612.0, 792.0];
const LINES_PER_PAGE: usize = 48;

/// Whether the bytes are a PDF file by their header (`%PDF-`), which is all the emulator
/// checks of an upload (see `docs/fidelity.md`).
pub fn is_pdf(content: &[u8]) -> bool {
    content.starts_with(b"%PDF-")
}

/// A captured signature and where its field is: `page` counts from 0 and `left`/`top` are
/// from the page's top-left corner, in points, as OneSpan's field positions are.
#[derive(Clone, Debug)]
pub struct Stamp {
    pub page: u32,
    pub left: f32,
    pub top: f32,
    pub width: f32,
    pub height: f32,
    /// Who signed, as drawn in the field.
    pub signer: String,
    /// The field's name in the form (its ID).
    pub field: String,
    pub date: String,
}

/// The signed copy of `original`: each stamp drawn into its page's content. Not flattened,
/// each signature is also a signature field (a `/Sig` widget in the form), as in a signed
/// PDF; flattened, the copy has no form and no annotations left, only what is drawn.
/// A file that does not parse as a PDF is replaced by a stand-in page naming `title`.
pub fn signed_copy(original: &[u8], stamps: &[Stamp], flatten: bool, title: &str) -> Vec<u8> {
    let mut doc = Document::load_mem(original).unwrap_or_else(|_| {
        text_document(
            title,
            &[
                "The emulator could not read this document's file as a PDF;".to_string(),
                "this page stands in for it.".to_string(),
            ],
        )
    });
    let last_page = stamps.iter().map(|s| s.page + 1).max().unwrap_or(1);
    while (doc.get_pages().len() as u32) < last_page {
        if append_blank_page(&mut doc).is_err() {
            break;
        }
    }
    let font = doc.add_object(helvetica());
    let pages = doc.get_pages();
    let mut widgets = Vec::new();
    for (i, stamp) in stamps.iter().enumerate() {
        let Some(&page_id) = pages.get(&(stamp.page + 1)) else {
            continue;
        };
        let media = media_box(&doc, page_id);
        let x = media[0] + stamp.left;
        let y = media[3] - stamp.top - stamp.height;
        let name = format!("EmuSig{i}");
        let form = doc.add_object(signature_form(stamp, font));
        if doc.add_xobject(page_id, name.as_bytes(), form).is_err() {
            continue;
        }
        let ops = Content {
            operations: vec![
                Operation::new("q", vec![]),
                Operation::new(
                    "cm",
                    vec![1.into(), 0.into(), 0.into(), 1.into(), x.into(), y.into()],
                ),
                Operation::new("Do", vec![Object::Name(name.into_bytes())]),
                Operation::new("Q", vec![]),
            ],
        };
        if let Ok(bytes) = ops.encode() {
            let _ = doc.add_page_contents(page_id, bytes);
        }
        if !flatten {
            let widget = doc.add_object(dictionary! {
                "Type" => "Annot",
                "Subtype" => "Widget",
                "FT" => "Sig",
                "T" => Object::string_literal(ascii(&stamp.field)),
                "TU" => Object::string_literal(ascii(&stamp.signer)),
                "Rect" => vec![x.into(), y.into(), (x + stamp.width).into(), (y + stamp.height).into()],
                "F" => 4,
                "P" => page_id,
                "AP" => dictionary! { "N" => form },
            });
            push_annotation(&mut doc, page_id, widget);
            widgets.push(widget);
        }
    }
    if flatten {
        flatten_form(&mut doc);
    } else if !widgets.is_empty() {
        add_form_fields(&mut doc, &widgets);
    }
    save(&mut doc)
}

/// A PDF of text lines under a title, as many pages as the lines need.
pub fn text_pdf(title: &str, lines: &[String]) -> Vec<u8> {
    save(&mut text_document(title, lines))
}

fn save(doc: &mut Document) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail on I/O; a failure would be lopdf's own, and an empty
    // answer is what the caller then gets.
    let _ = doc.save_to(&mut out);
    out
}

fn helvetica() -> Dictionary {
    dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    }
}

/// PDF text in the standard fonts' encoding: what is not ASCII shows as `?`.
fn ascii(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii() && !c.is_ascii_control() {
                c
            } else {
                '?'
            }
        })
        .collect()
}

fn text_document(title: &str, lines: &[String]) -> Document {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(helvetica());
    let resources = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font } });
    let mut kids = Vec::new();
    let chunks: Vec<&[String]> = if lines.is_empty() {
        vec![&[]]
    } else {
        lines.chunks(LINES_PER_PAGE).collect()
    };
    for (n, chunk) in chunks.iter().enumerate() {
        let mut ops = vec![
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec!["F1".into(), 16.into()]),
            Operation::new("Td", vec![50.into(), 740.into()]),
            Operation::new("Tj", vec![Object::string_literal(ascii(title))]),
            Operation::new("Tf", vec!["F1".into(), 10.into()]),
            Operation::new("TL", vec![14.into()]),
            Operation::new("Td", vec![0.into(), (-28).into()]),
        ];
        for line in chunk.iter() {
            ops.push(Operation::new(
                "Tj",
                vec![Object::string_literal(ascii(line))],
            ));
            ops.push(Operation::new("T*", vec![]));
        }
        ops.push(Operation::new("ET", vec![]));
        if chunks.len() > 1 {
            ops.extend([
                Operation::new("BT", vec![]),
                Operation::new("Tf", vec!["F1".into(), 8.into()]),
                Operation::new("Td", vec![50.into(), 30.into()]),
                Operation::new(
                    "Tj",
                    vec![Object::string_literal(format!(
                        "Page {} of {}",
                        n + 1,
                        chunks.len()
                    ))],
                ),
                Operation::new("ET", vec![]),
            ]);
        }
        let content = Content { operations: ops }.encode().unwrap_or_default();
        let content_id = doc.add_object(Stream::new(dictionary! {}, content));
        let page = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => content_id,
        });
        kids.push(page.into());
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => kids,
            "Count" => count,
            "Resources" => resources,
            "MediaBox" => LETTER.iter().map(|&v| v.into()).collect::<Vec<Object>>(),
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    doc
}

/// One more blank Letter page at the end of the root page tree.
fn append_blank_page(doc: &mut Document) -> lopdf::Result<()> {
    let pages_id = doc.catalog()?.get(b"Pages")?.as_reference()?;
    let content = doc.add_object(Stream::new(dictionary! {}, Vec::new()));
    let page = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "Contents" => content,
        "MediaBox" => LETTER.iter().map(|&v| v.into()).collect::<Vec<Object>>(),
    });
    let pages = doc.get_dictionary_mut(pages_id)?;
    let count = pages.get(b"Count").and_then(Object::as_i64).unwrap_or(0);
    pages.set("Count", count + 1);
    pages.get_mut(b"Kids")?.as_array_mut()?.push(page.into());
    Ok(())
}

/// The page's `MediaBox`, looked up the page tree, or Letter.
fn media_box(doc: &Document, page_id: ObjectId) -> [f32; 4] {
    let mut node = doc.get_dictionary(page_id).ok();
    for _ in 0..32 {
        let Some(dict) = node else { break };
        if let Ok(obj) = dict.get(b"MediaBox") {
            let arr = doc
                .dereference(obj)
                .ok()
                .and_then(|(_, o)| o.as_array().ok());
            if let Some(arr) = arr {
                let nums: Vec<f32> = arr.iter().filter_map(|o| o.as_float().ok()).collect();
                if let [a, b, c, d] = nums[..] {
                    return [a, b, c, d];
                }
            }
            break;
        }
        node = dict
            .get(b"Parent")
            .and_then(Object::as_reference)
            .and_then(|id| doc.get_dictionary(id))
            .ok();
    }
    LETTER
}

/// The signature's appearance: a box with who signed and when, as a form XObject.
fn signature_form(stamp: &Stamp, font: ObjectId) -> Stream {
    let (w, h) = (stamp.width.max(1.0), stamp.height.max(1.0));
    let size = (h / 3.0).clamp(4.0, 14.0);
    let ops = vec![
        Operation::new("q", vec![]),
        Operation::new("RG", vec![0.1.into(), 0.2.into(), 0.6.into()]),
        Operation::new("w", vec![1.into()]),
        Operation::new(
            "re",
            vec![0.5.into(), 0.5.into(), (w - 1.0).into(), (h - 1.0).into()],
        ),
        Operation::new("S", vec![]),
        Operation::new("BT", vec![]),
        Operation::new("rg", vec![0.1.into(), 0.2.into(), 0.6.into()]),
        Operation::new("Tf", vec!["F1".into(), size.into()]),
        Operation::new("Td", vec![4.into(), (h - size - 3.0).max(1.0).into()]),
        Operation::new("Tj", vec![Object::string_literal(ascii(&stamp.signer))]),
        Operation::new("Tf", vec!["F1".into(), (size * 0.7).into()]),
        Operation::new("Td", vec![0.into(), (-(size)).into()]),
        Operation::new(
            "Tj",
            vec![Object::string_literal(ascii(&format!(
                "Signed {}",
                stamp.date
            )))],
        ),
        Operation::new("ET", vec![]),
        Operation::new("Q", vec![]),
    ];
    let content = Content { operations: ops }.encode().unwrap_or_default();
    Stream::new(
        dictionary! {
            "Type" => "XObject",
            "Subtype" => "Form",
            "BBox" => vec![0.into(), 0.into(), w.into(), h.into()],
            "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
        },
        content,
    )
}

fn push_annotation(doc: &mut Document, page_id: ObjectId, annot: ObjectId) {
    let existing = doc
        .get_dictionary(page_id)
        .ok()
        .and_then(|p| p.get(b"Annots").ok().cloned());
    match existing {
        Some(Object::Reference(id)) => {
            if let Ok(Object::Array(a)) = doc.get_object_mut(id) {
                a.push(annot.into());
            }
        }
        Some(Object::Array(mut a)) => {
            a.push(annot.into());
            if let Ok(p) = doc.get_dictionary_mut(page_id) {
                p.set("Annots", a);
            }
        }
        _ => {
            if let Ok(p) = doc.get_dictionary_mut(page_id) {
                p.set("Annots", vec![Object::from(annot)]);
            }
        }
    }
}

/// Lists the signature widgets as fields of the document's form.
fn add_form_fields(doc: &mut Document, widgets: &[ObjectId]) {
    let fields: Vec<Object> = widgets.iter().map(|&w| w.into()).collect();
    let form = doc.add_object(dictionary! { "Fields" => fields, "SigFlags" => 3 });
    if let Ok(catalog) = doc.catalog_mut() {
        catalog.set("AcroForm", form);
    }
}

/// What flattening leaves: the drawn content, without interactive form or annotations.
fn flatten_form(doc: &mut Document) {
    let pages: Vec<ObjectId> = doc.get_pages().values().copied().collect();
    for page_id in pages {
        if let Ok(p) = doc.get_dictionary_mut(page_id) {
            p.remove(b"Annots");
        }
    }
    if let Ok(catalog) = doc.catalog_mut() {
        catalog.remove(b"AcroForm");
    }
}
