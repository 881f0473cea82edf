-- Survey answers per customer (docs/outlook.md § Satisfaction and referrals). One row per customer with a
-- satisfaction score or a referral cell up to as_of: the latest score (the last order line of the latest day
-- that has one) and the referrals summed over the whole history up to as_of. Merged duplicates share a
-- customer key, so the group's latest survey is the one kept.
with
answers_to_date as (
    select customer, order_date, source_row, satisfaction, referrals
    from
        filtered_orders(
            $region, $industry, $team, $account_manager, $product, $customer_type, $scope_region, $scope_account_manager
        )
    where order_date <= $as_of and (satisfaction is not null or referrals is not null)
)

select
    customer,
    arg_max(satisfaction, { 'order_date': order_date, 'source_row': source_row }) filter (
        where satisfaction is not null
    ) as satisfaction,
    sum(referrals)::bigint as referrals
from answers_to_date
group by customer
