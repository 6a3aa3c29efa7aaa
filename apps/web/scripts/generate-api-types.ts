import { API_TYPES_FILE, writeApiTypes } from './api-types.js';

if (await writeApiTypes()) console.log(`wrote ${API_TYPES_FILE}`);
