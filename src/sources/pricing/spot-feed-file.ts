import {parseSpotFeed, type SpotFeedParse} from '../../catalog/spot-feed.js';
import {readJson} from '../files.js';

/** `--spot-prices FILE`: a saved copy of the Fargate Spot price feed the AWS pricing page reads. */
export async function readSpotFeed(path: string, spotDate: string | undefined): Promise<SpotFeedParse> {
  return parseSpotFeed(await readJson(path), {path, spotDate});
}
