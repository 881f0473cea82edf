-- Lifecycle stage inputs (PRODUCT.md § Also from the seeds). One row per customer with any order line up to as_of:
-- the first purchase and net revenue in the current period against the period before it.
with
orders_to_date as (
    select customer, amount, order_date, date_diff('day', order_date, $as_of) as days_before
    from
        filtered_orders(
            $region, $industry, $team, $account_manager, $product, $customer_type, $scope_region, $scope_account_manager
        )
    where order_date <= $as_of
),

period_revenue as (
    select
        customer,
        min(order_date) filter (where amount > 0) as first_purchase_date,
        coalesce(sum(amount) filter (where days_before < $period_days), 0) as current_period_revenue,
        coalesce(sum(amount) filter (where days_before >= $period_days and days_before < 2 * $period_days), 0)
            as previous_period_revenue
    from orders_to_date
    group by customer
)

select
    customer,
    first_purchase_date,
    date_diff('day', first_purchase_date, $as_of) as first_purchase_days_before,
    current_period_revenue,
    previous_period_revenue
from period_revenue
order by customer
