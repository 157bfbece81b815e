import { registerMessages } from '@nongsan/core';

registerMessages({
  vi: {
    errors: {
      COOPERATIVE_NOT_APPROVED: 'Chỉ hợp tác xã đã được Sở duyệt (và không bị tạm ngưng) mới đăng bán được sản phẩm.',
      PRODUCT_PUBLISHED_BEFORE: 'Sản phẩm đã từng được đăng bán nên không xoá được; hãy lưu trữ (archive) thay vì xoá.',
      OCOP_CLAIM_MISSING: 'Sản phẩm này không khai báo chứng nhận OCOP nên không có gì để xác minh.',
    },
    entities: { product: 'sản phẩm', image: 'ảnh', job: 'tác vụ' },
    validation: {
      categoryUnknown: '“{{field}}” không phải danh mục có trong hệ thống.',
      ocopClaimMissing: 'Sản phẩm chưa khai báo “{{field}}”.',
      wardUnknown: '“{{field}}” không phải mã phường/xã của tỉnh.',
      expiresBeforeIssue: '“{{field}}” phải sau ngày cấp.',
      skuRepeated: 'Mã SKU “{{sku}}” bị lặp trong cùng yêu cầu.',
      skuTaken: 'Mã SKU “{{sku}}” đã được dùng cho một sản phẩm khác của hợp tác xã.',
      variantUnknown: '“{{field}}” không phải phân loại của sản phẩm này.',
      imageOrder: '“{{field}}” phải liệt kê đúng và đủ các ảnh của sản phẩm.',
      importColumnMissing: 'Thiếu cột “{{field}}” ở dòng tiêu đề.',
      importUnreadable: 'Không đọc được tệp; hãy lưu lại dạng .xlsx hoặc .csv (UTF-8) rồi nhập lại.',
      importTooLargeUnpacked: 'Tệp .xlsx khi giải nén vượt quá {{max}} MB nên không được nhập; hãy chia nhỏ danh sách hoặc lưu dạng .csv.',
      importInterrupted: 'Việc nhập bị gián đoạn do lỗi hệ thống; các dòng đã lưu vẫn còn, hãy nhập lại tệp.',
      importSkuRepeated: 'Mã SKU “{{sku}}” đã có ở dòng {{row}}.',
      importProductMismatch: '“{{field}}” khác với dòng {{row}} cùng mã sản phẩm.',
      importSkuOtherProduct: 'Mã SKU “{{sku}}” thuộc sản phẩm của dòng {{row}}; các phân loại của một sản phẩm phải cùng “Mã sản phẩm”.',
    },
  },
  en: {
    errors: {
      COOPERATIVE_NOT_APPROVED: 'Only a cooperative approved by the Department (and not suspended) can publish products.',
      PRODUCT_PUBLISHED_BEFORE: 'This product was published before and cannot be deleted; archive it instead.',
      OCOP_CLAIM_MISSING: 'This product claims no OCOP certificate, so there is nothing to verify.',
    },
    entities: { product: 'product', image: 'image', job: 'job' },
    validation: {
      categoryUnknown: '{{field}} is not a known category.',
      ocopClaimMissing: 'The product has no {{field}} claim.',
      wardUnknown: '{{field}} is not a ward code of the province.',
      expiresBeforeIssue: '{{field}} must be after the issue date.',
      skuRepeated: 'SKU “{{sku}}” appears twice in this request.',
      skuTaken: 'SKU “{{sku}}” is already used by another product of the cooperative.',
      variantUnknown: '{{field}} is not a variant of this product.',
      imageOrder: '{{field}} must list exactly the product’s images.',
      importColumnMissing: 'The header row has no “{{field}}” column.',
      importUnreadable: 'The file could not be read; save it as .xlsx or UTF-8 .csv and import it again.',
      importTooLargeUnpacked: 'The .xlsx file unpacks to more than {{max}} MB and was not imported; split the list or save it as .csv.',
      importInterrupted: 'The import stopped on a system error; rows already saved are kept, import the file again.',
      importSkuRepeated: 'SKU “{{sku}}” already appears on row {{row}}.',
      importProductMismatch: '“{{field}}” differs from row {{row}} with the same product key.',
      importSkuOtherProduct: 'SKU “{{sku}}” belongs to the product of row {{row}}; the variants of one product must share its “Mã sản phẩm”.',
    },
  },
});
