/**
 * The tour chunk (`dvc-assistant.tours.js`): loaded by `<dvc-assistant>` only when a tour
 * starts or this tab has a tour in progress.
 */
import { TourEngine } from './engine.js';
import type { MountTours } from './tour-contract.js';

export const mountTours: MountTours = (context) => new TourEngine(context);
