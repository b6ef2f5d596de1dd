/** Error codes of barcode parsing and scan classification. */
export type BarcodeErrorCode = 'gtin_invalid_format' | 'gtin_check_digit';
