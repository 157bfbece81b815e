import { registerMessages } from '@nongsan/core';

registerMessages({
  vi: {
    validation: {
      periodOrder: 'Ngày kết thúc phải sau hoặc bằng ngày bắt đầu.',
      periodTooLong: 'Khoảng thời gian tối đa {{days}} ngày.',
      formerDistrictUnknown: 'Không có huyện cũ mang mã này.',
      breakdownNotFor: 'Chỉ số “{{metric}}” chỉ chia được theo: {{allowed}}.',
      untilInYear: '“{{field}}” phải là một ngày trong năm {{year}}.',
      yearNotStarted: 'Năm {{year}} chưa bắt đầu; hãy chọn năm nay hoặc một năm đã qua.',
    },
  },
  en: {
    validation: {
      periodOrder: 'The last day must not be before the first.',
      periodTooLong: 'A period is at most {{days}} days.',
      formerDistrictUnknown: 'No former district has this code.',
      breakdownNotFor: '“{{metric}}” can be broken down by: {{allowed}}.',
      untilInYear: '{{field}} must be a day of {{year}}.',
      yearNotStarted: '{{year}} has not begun; choose this year or a past one.',
    },
  },
});
