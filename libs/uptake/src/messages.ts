import { registerMessages } from '@nongsan/core';

registerMessages({
  vi: {
    validation: {
      periodOrder: 'Ngày kết thúc phải sau hoặc bằng ngày bắt đầu.',
      periodTooLong: 'Khoảng thời gian tối đa {{days}} ngày.',
      formerDistrictUnknown: 'Không có huyện cũ mang mã này.',
      breakdownNotFor: 'Chỉ số “{{metric}}” chỉ chia được theo: {{allowed}}.',
    },
  },
  en: {
    validation: {
      periodOrder: 'The last day must not be before the first.',
      periodTooLong: 'A period is at most {{days}} days.',
      formerDistrictUnknown: 'No former district has this code.',
      breakdownNotFor: '“{{metric}}” can be broken down by: {{allowed}}.',
    },
  },
});
