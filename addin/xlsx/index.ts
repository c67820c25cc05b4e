export { XlsxGateway } from './gateway';
export { cellValue, dateToSerial, readWorksheet } from './read';
