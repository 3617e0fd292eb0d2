// One rule for every layer: what a backend can store is decided in @core/contracts.
export { isStorableText as isStorableString } from '@core/contracts';
