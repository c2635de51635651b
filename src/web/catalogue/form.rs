//! The product form: `/me/products/new` (posting to `/me/products`, as `POST
//! /api/v1/products` creates) and `/products/{id}/edit` (as `PATCH` changes, for the owner
//! only). The form is read by `services::product_input`, the price in dollars; a bad field
//! re-renders the form with 422, its error beside it and the input kept.

use askama::Template;
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use axum_extra::extract::CookieJar;
use sea_orm::DbErr;
use uuid::Uuid;

use crate::{
    db::products::ProductRow,
    domain::{
        Refusal, Refuses,
        fields::FieldError,
        product::{MAX_IMAGES, ProductDraft, ProductStatus},
    },
    policy::{self, ChangeProduct},
    services::{
        idempotency::{self, Idempotency, IdempotencyError},
        product_input::ProductText,
        products::{self, ProductError},
    },
    state::AppState,
    web::{
        context::{Flash, SignedIn},
        forms::{FormState, PageForm},
        i18n::I18n,
        page::{Frame, PageError, render},
        pickers::{CategoryPicker, MarketPicker, category_picker, market_picker},
    },
};

/// The form's one-value fields, as `FormState` keeps them.
const FIELDS: &[&str] = &[
    "title",
    "title_zh",
    "description",
    "description_zh",
    "category",
    "price",
    "commission_pct",
    "moq",
    "image_urls",
    "idempotency_key",
];

#[derive(Template)]
#[template(path = "catalogue/form.html")]
struct FormPage {
    page: Frame,
    heading: String,
    action: String,
    /// Where "cancel" goes.
    back: String,
    form: FormState,
    free_samples: bool,
    /// The category tree (one category: radios) and the markets, as the shared pickers
    /// draw them.
    cats: CategoryPicker,
    markets: MarketPicker,
    max_images: usize,
}

/// What the person typed, kept for the form (the markets and the checkbox apart).
fn kept(text: &ProductText) -> FormState {
    let mut f = FormState::default();
    let image_text = text.image_text();
    for name in FIELDS {
        let v = match *name {
            "title" => &text.title,
            "title_zh" => &text.title_zh,
            "description" => &text.description,
            "description_zh" => &text.description_zh,
            "category" => &text.category,
            "price" => &text.price,
            "commission_pct" => &text.commission_pct,
            "moq" => &text.moq,
            "image_urls" => &image_text,
            _ => continue,
        };
        f.keep(name, v);
    }
    f
}

/// A field error in the reader's words, on the form field it belongs to.
fn fail(form: &mut FormState, i18n: &I18n, e: &FieldError) {
    if let Some(rest) = e.field.strip_prefix("image_urls[") {
        let line = rest.trim_end_matches(']').parse::<u64>().unwrap_or(0) + 1;
        form.fail("image_urls", i18n.t1("catalogue-error-image", "line", line));
        return;
    }
    let empty = e.message == "must not be empty";
    let key = match e.field.as_str() {
        "price" if !empty => "catalogue-error-price",
        "commission_pct" if !empty => "catalogue-error-commission",
        "moq" => "catalogue-error-moq",
        "category" => "catalogue-error-category",
        "target_markets" => "catalogue-error-markets",
        "image_urls" => "catalogue-error-images-many",
        _ => {
            form.fail(&e.field, i18n.field_error(e));
            return;
        }
    };
    form.fail(&e.field, i18n.t(key));
}

fn draw(
    me: &SignedIn,
    product: Option<Uuid>,
    text: &ProductText,
    mut form: FormState,
    status: StatusCode,
) -> Response {
    let i18n = &me.viewer.i18n;
    let chosen: Vec<u32> = text.category.trim().parse().into_iter().collect();
    let cats = category_picker(i18n, "category", false, &chosen);
    let markets = market_picker(i18n, "target_markets", &text.target_markets);
    let (heading, action, back) = match product {
        Some(id) => (
            me.viewer.i18n.t("catalogue-edit-title"),
            format!("/products/{id}/edit"),
            format!("/products/{id}"),
        ),
        None => {
            if form.value("idempotency_key").is_empty() {
                form.keep("idempotency_key", &format!("web-{}", Uuid::new_v4()));
            }
            (
                me.viewer.i18n.t("catalogue-new-title"),
                "/me/products".to_owned(),
                "/me/products".to_owned(),
            )
        }
    };
    render(
        status,
        &FormPage {
            page: Frame::of(&me.viewer),
            heading,
            action,
            back,
            form,
            free_samples: text.free_samples(),
            cats,
            markets,
            max_images: MAX_IMAGES,
        },
    )
}

fn invalid(
    me: &SignedIn,
    product: Option<Uuid>,
    text: &ProductText,
    errors: &[FieldError],
) -> Response {
    let mut form = kept(text);
    if let Some(key) = &text.idempotency_key {
        form.keep("idempotency_key", key);
    }
    for e in errors {
        fail(&mut form, &me.viewer.i18n, e);
    }
    draw(me, product, text, form, StatusCode::UNPROCESSABLE_ENTITY)
}

fn done(me: &SignedIn, flash: Flash, id: Uuid) -> Response {
    let jar = CookieJar::new().add(me.viewer.cookies.flash(flash));
    (jar, Redirect::to(&format!("/products/{id}"))).into_response()
}

pub async fn new_product(me: SignedIn) -> Result<Response, PageError> {
    policy::may_list_products(&me.actor)?;
    let text = ProductText {
        moq: "1".into(),
        ..ProductText::default()
    };
    Ok(draw(&me, None, &text, kept(&text), StatusCode::OK))
}

/// Why a create failed: the product's own refusal or the form's key reused.
#[derive(Debug, thiserror::Error)]
enum CreateError {
    #[error(transparent)]
    Product(#[from] ProductError),
    #[error(transparent)]
    Key(#[from] IdempotencyError),
}

impl From<DbErr> for CreateError {
    fn from(e: DbErr) -> Self {
        Self::Product(ProductError::Db(e))
    }
}

impl Refuses for CreateError {
    fn refusal(&self) -> Option<Refusal> {
        match self {
            Self::Product(e) => e.refusal(),
            Self::Key(e) => e.refusal(),
        }
    }
}

/// `POST /me/products`. The form carries a key made when it was drawn, so a second press
/// of "save" (or a reload of the answer) lists the product once.
pub async fn create(
    State(state): State<AppState>,
    me: SignedIn,
    PageForm(text): PageForm<ProductText>,
) -> Result<Response, PageError> {
    policy::may_list_products(&me.actor)?;
    let draft = match ProductDraft::try_from(&text) {
        Ok(d) => d,
        Err(errors) => return Ok(invalid(&me, None, &text, &errors)),
    };
    let idem = text
        .idempotency_key
        .as_deref()
        .filter(|k| !k.is_empty() && k.len() <= 200)
        .map(|k| Idempotency::new(k.to_owned(), &draft));
    let book = state.rulebook.book();
    let saved = idempotency::once(&state.db, me.account.id, idem.as_ref(), async |txn| {
        let row = products::create(txn, &me.actor, &draft, &book).await?;
        Ok::<_, CreateError>((201, row.id.to_string()))
    })
    .await?;
    let id = Uuid::parse_str(&saved.body).map_err(|_| PageError::Conflict)?;
    Ok(done(&me, Flash::ProductCreated, id))
}

/// The product `id` if the signed-in person may change it: others get 404 (an admin 403),
/// as `PATCH /api/v1/products/{id}` answers.
async fn owned(state: &AppState, me: &SignedIn, id: &str) -> Result<ProductRow, PageError> {
    let id = Uuid::parse_str(id).map_err(|_| PageError::NotFound)?;
    let row = products::get(&state.db, &me.actor, id).await?;
    match policy::may_change_product(&me.actor, row.supplier_id) {
        ChangeProduct::Allowed => Ok(row),
        ChangeProduct::Denied(_) => Err(PageError::Forbidden),
        ChangeProduct::Hidden => Err(PageError::NotFound),
    }
}

pub async fn edit(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let row = owned(&state, &me, &id).await?;
    if row.status != ProductStatus::Active {
        return Err(PageError::Conflict);
    }
    let text = ProductText::from_row(&row);
    Ok(draw(&me, Some(row.id), &text, kept(&text), StatusCode::OK))
}

/// Why a change failed: the product's refusal, or the form's fields.
enum SaveError {
    Product(ProductError),
    Invalid(Vec<FieldError>),
}

impl From<ProductError> for SaveError {
    fn from(e: ProductError) -> Self {
        Self::Product(e)
    }
}

impl From<DbErr> for SaveError {
    fn from(e: DbErr) -> Self {
        Self::Product(ProductError::Db(e))
    }
}

/// `POST /products/{id}/edit`: the whole form replaces the product's fields. The fields
/// are read once the owner is known, so another supplier gets 404 whatever they post.
pub async fn save(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<String>,
    PageForm(text): PageForm<ProductText>,
) -> Result<Response, PageError> {
    let id = Uuid::parse_str(&id).map_err(|_| PageError::NotFound)?;
    let book = state.rulebook.book();
    let result = products::update(&state.db, &book, &me.actor, id, |_| {
        ProductDraft::try_from(&text).map_err(SaveError::Invalid)
    })
    .await;
    match result {
        Ok(row) => Ok(done(&me, Flash::ProductSaved, row.id)),
        Err(SaveError::Invalid(errors)) => Ok(invalid(&me, Some(id), &text, &errors)),
        Err(SaveError::Product(e)) => Err(e.into()),
    }
}
