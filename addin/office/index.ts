export { OfficeWorkbookGateway, type OfficeGatewayOptions } from './gateway';
export { officeHost, type OfficeHost } from './host';
export { selectCell } from './select';
export { fileNameOf } from './document';
